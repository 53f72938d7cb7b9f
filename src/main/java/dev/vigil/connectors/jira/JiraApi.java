package dev.vigil.connectors.jira;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.HttpAuth;
import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jira Cloud's REST API v3 as one connector instance reaches it: the site's base URL, basic auth with the account's
 * email and API token (Atlassian's scheme for API tokens), JSON both ways.
 */
final class JiraApi {

    static final String REST = "/rest/api/3";

    private final ConnectorCall call;
    private final String base;
    private final HttpAuth auth;

    JiraApi(ConnectorCall call) throws StepFailure {
        this.call = call;
        this.base = call.connector().requireOption("baseUrl").replaceAll("/+$", "");
        this.auth = new HttpAuth.Basic(call.connector().requireOption("email"),
                call.connector().requireSecret("apiToken"));
    }

    /** The path of one issue's resource: {@code /rest/api/3/issue/PROJ-1}. */
    static String issue(String idOrKey) {
        return REST + "/issue/" + segment(idOrKey);
    }

    /** Where a person sees the issue. */
    String browseUrl(String key) {
        return base + "/browse/" + key;
    }

    ConnectorHttp.Response get(String path, Map<String, ?> query) throws StepFailure {
        ConnectorHttp.Request request = request("GET", path);
        if (query != null) {
            query.forEach(request::query);
        }
        return send(request);
    }

    ConnectorHttp.Response send(String method, String path, Object body) throws StepFailure {
        return send(request(method, path).json(body));
    }

    private ConnectorHttp.Request request(String method, String path) {
        return call.http().request(method, base + path).auth(auth).header("Accept", "application/json");
    }

    /** Sends, and on failure names every field Jira complained about, not only the first. */
    private static ConnectorHttp.Response send(ConnectorHttp.Request request) throws StepFailure {
        try {
            return request.send();
        } catch (StepFailure failure) {
            throw complete(failure);
        }
    }

    /**
     * Jira's errors are {@code {errorMessages: [...], errors: {field: message}}}; the shared client quotes only the
     * first of them. A refused create usually names several fields, and all of them are worth reading.
     */
    static StepFailure complete(StepFailure failure) {
        if (!(failure.details() != null && failure.details().get("data") instanceof Map<?, ?> body)) {
            return failure;
        }
        List<String> all = new ArrayList<>();
        if (body.get("errorMessages") instanceof List<?> messages) {
            messages.forEach(m -> all.add(String.valueOf(m)));
        }
        if (body.get("errors") instanceof Map<?, ?> fields) {
            fields.forEach((field, message) -> all.add(field + ": " + message));
        }
        if (all.size() < 2) {
            return failure;
        }
        String message = failure.getMessage();
        int from = message.indexOf(" from ");
        int cut = from < 0 ? -1 : message.indexOf(": ", from);
        if (cut < 0) {
            return failure;
        }
        String start = message.substring(0, cut);
        return new StepFailure(failure.type(), start + ": " + KnownSecrets.redact(String.join("; ", all)),
                failure.details(), failure.extra());
    }

    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
