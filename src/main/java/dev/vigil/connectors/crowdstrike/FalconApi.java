package dev.vigil.connectors.crowdstrike;

import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.HttpAuth;
import dev.vigil.steps.StepFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests to one Falcon API tenant: the OAuth2 token (fetched once, reused until shortly before it expires, fetched
 * again on a 401), the rate-limit reset header Falcon sends instead of Retry-After, and Falcon's habit of answering
 * 2xx with an {@code errors} list that must not pass for success.
 */
final class FalconApi {

    static final String DEFAULT_URL = "https://api.crowdstrike.com";
    /** Falcon's 429 names the epoch second at which the limit resets here, not in Retry-After. */
    static final String RESET_HEADER = "X-RateLimit-RetryAfter";

    private final ConnectorCall call;
    private final String base;
    private final HttpAuth auth;

    FalconApi(ConnectorCall call) throws StepFailure {
        Connector c = call.connector();
        this.call = call;
        String url = c.option("baseUrl");
        this.base = (url == null || url.isBlank() ? DEFAULT_URL : url.strip()).replaceAll("/+$", "");
        String memberCid = c.option("memberCid");
        this.auth = new HttpAuth.OAuth2ClientCredentials(base + "/oauth2/token", c.requireOption("clientId"),
                c.requireSecret("clientSecret"), null,
                memberCid == null || memberCid.isBlank() ? Map.of() : Map.of("member_cid", memberCid.strip()));
    }

    ConnectorHttp.Request request(String method, String path) {
        return call.http().request(method, base + path).auth(auth).rateLimitReset(RESET_HEADER)
                .header("Accept", "application/json");
    }

    /** A path with {@code name} repeated once per value, the collection format Falcon's GET endpoints document. */
    static String repeated(String path, String name, List<String> values) {
        StringBuilder url = new StringBuilder(path);
        for (String value : values) {
            url.append(url.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    /** The body, after making sure Falcon did not report errors inside a 2xx answer (partial failures). */
    Map<String, Object> checked(ConnectorHttp.Response response) throws StepFailure {
        Map<String, Object> body = response.object();
        if (body.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
            Object first = errors.getFirst();
            String message = first instanceof Map<?, ?> m && m.get("message") != null ? String.valueOf(m.get("message"))
                    : String.valueOf(first);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", (long) response.status());
            details.put("data", response.data());
            throw new StepFailure("ConnectorExecutionError", call.action() + ": Falcon answered " + response.status()
                    + " but reported " + errors.size() + " error(s): " + message, details,
                    Map.of("status", (long) response.status(), "statusCode", (long) response.status()));
        }
        return body;
    }

    /** The {@code resources} list of a Falcon answer. */
    static List<?> resources(Map<String, Object> body) {
        return body.get("resources") instanceof List<?> list ? list : List.of();
    }

    /** The first resource as a map, or an empty map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> firstResource(Map<String, Object> body) {
        List<?> resources = resources(body);
        return !resources.isEmpty() && resources.getFirst() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
