package dev.vigil.connectors.elastic;

import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.HttpAuth;
import dev.vigil.model.Json;
import dev.vigil.steps.StepFailure;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One Elasticsearch or Kibana HTTP request as the request builders make it from a step's {@code with}: pure data, so
 * the builders are tested without a server, then sent by {@link #send}.
 *
 * @param method  upper case
 * @param path    starts with {@code /}, path parameters already URL-encoded; may carry its own {@code ?query}
 * @param query   query-string parameters (values are text or lists, which are joined by commas)
 * @param headers request headers besides auth
 */
public record ApiRequest(String method, String path, Map<String, Object> query, Map<String, String> headers,
                         Body body) {

    public ApiRequest {
        query = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    /** What goes in the request body. */
    public sealed interface Body {
        /** No body at all (GET, HEAD, and POSTs with nothing to send). */
        record None() implements Body {
        }

        /** A JSON value (object, array or a string the service takes as JSON). */
        record JsonValue(Object value) implements Body {
        }

        /** Newline-delimited JSON (the bulk API): one line per value, each line ended by a newline. */
        record Ndjson(List<Object> lines) implements Body {
            public String text() {
                StringJoiner text = new StringJoiner("\n", "", "\n");
                for (Object line : lines) {
                    text.add(line instanceof String s ? s.strip() : Json.write(line));
                }
                return text.toString();
            }
        }

        /** Text sent as written, with its content type. */
        record Text(String text, String contentType) implements Body {
        }
    }

    public static final Body NO_BODY = new Body.None();

    public boolean isHead() {
        return method.equals("HEAD");
    }

    /**
     * Sends the request to {@code baseUrl} + path. A HEAD request also takes 404 as an answer: for the exists APIs it
     * means "no", not a failure.
     */
    public ConnectorHttp.Response send(ConnectorHttp http, String baseUrl, HttpAuth auth) throws StepFailure {
        // one value per header name whatever its case: a workflow's "content-type" replaces ours, never doubles it
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.put("Accept", "application/json");
        all.putAll(headers);
        String contentType = all.remove("Content-Type");
        ConnectorHttp.Request request = http.request(method, baseUrl.replaceAll("/+$", "") + path).auth(auth);
        all.forEach(request::header);
        query.forEach(request::query);
        switch (body) {
            case Body.None none -> request.header("Content-Type", contentType);
            case Body.JsonValue json -> request.text(Json.write(json.value()),
                    contentType == null ? "application/json" : contentType);
            case Body.Ndjson ndjson -> request.text(ndjson.text(), "application/x-ndjson");
            case Body.Text text -> request.text(text.text(), contentType == null ? text.contentType() : contentType);
        }
        if (isHead()) {
            request.accept(404);
        }
        return request.send();
    }
}
