package dev.vigil.connectors.pagerduty;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.HttpAuth;
import dev.vigil.steps.StepFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty's REST API v2 as one connector instance reaches it: {@code Authorization: Token token=<apiToken>}, the
 * versioned {@code Accept} header, and for writes the {@code From} header naming the acting user (required with
 * account-level tokens, which have no user of their own).
 */
final class PagerDutyRest {

    static final String DEFAULT_BASE = "https://api.pagerduty.com";
    static final String ACCEPT = "application/vnd.pagerduty+json;version=2";
    /** PagerDuty's largest page. */
    static final int PAGE = 100;
    static final long DEFAULT_LIMIT = 100;
    static final long MAX_LIMIT = 1000;

    private final ConnectorCall call;
    private final String base;
    private final HttpAuth auth;

    PagerDutyRest(ConnectorCall call) throws StepFailure {
        this.call = call;
        String configured = call.connector().option("baseUrl");
        this.base = (configured == null || configured.isBlank() ? DEFAULT_BASE : configured).replaceAll("/+$", "");
        this.auth = new HttpAuth.Header("Authorization", "Token token=" + call.connector().requireSecret("apiToken"));
    }

    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Map<String, Object> get(String path, PagerDutyQuery query) throws StepFailure {
        return PagerDutyErrors.send(call.http().request("GET", query.on(base + path)).auth(auth)
                .header("Accept", ACCEPT)).object();
    }

    /** POST or PUT as the user in {@code with.from}, else {@code config.fromEmail}. */
    Map<String, Object> write(String method, String path, Object body) throws StepFailure {
        String from = call.textOr("from", call.connector().option("fromEmail"));
        return PagerDutyErrors.send(call.http().request(method, base + path).auth(auth).header("Accept", ACCEPT)
                .header("From", from).json(body)).object();
    }

    /** One entity unwrapped: {@code GET /schedules/P1} answers {@code {schedule: {...}}}, this returns the inside. */
    Object one(String path, String wrapper, PagerDutyQuery query) throws StepFailure {
        return get(path, query).get(wrapper);
    }

    /**
     * A list the way PagerDuty's MCP server returns it, {@code {response: [...], more}}: pages of up to 100 are read
     * until {@code with.limit} entries (100 by default, at most 1000) or the last page.
     */
    Map<String, Object> list(String path, String entity, PagerDutyQuery filters) throws StepFailure {
        long limit = Math.min(MAX_LIMIT, call.number("limit") == null || call.number("limit") < 1 ? DEFAULT_LIMIT
                : call.number("limit"));
        List<Object> all = new ArrayList<>();
        boolean more = true;
        while (more && all.size() < limit) {
            long page = Math.min(PAGE, limit - all.size());
            Map<String, Object> body = get(new PagerDutyQuery().add("limit", page).add("offset", all.size()).on(path),
                    filters);
            List<?> items = body.get(entity) instanceof List<?> l ? l : List.of();
            all.addAll(items);
            more = Boolean.TRUE.equals(body.get("more")) && !items.isEmpty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("response", all.size() > limit ? all.subList(0, (int) limit) : all);
        out.put("more", more);
        return out;
    }
}
