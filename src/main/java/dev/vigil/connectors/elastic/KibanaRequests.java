package dev.vigil.connectors.elastic;

import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the HTTP request for a step {@code kibana.<action>} (WORKFLOW_FORMAT.md §3.9): {@code request} sends
 * {@code {method, path, body, query, headers}} as written; named actions are Kibana API operation ids mapped by their
 * {@link ApiSpec} row (Kibana's OpenAPI document). Every request gets {@code kbn-xsrf} and a JSON content type
 * (a workflow's own values win), and is sent to the connector's space: {@code /s/<space>} is put before the path
 * unless the space is {@code default} or the path already names a space. The step meta flags
 * {@code use_server_info}, {@code use_localhost}, {@code debug} and {@code fetcher} are never sent.
 */
public final class KibanaRequests {

    /** Keys that steer the step, not the API (Kibana strips them the same way). */
    static final Set<String> META = Set.of("use_server_info", "use_localhost", "debug", "fetcher", "forceServerInfo",
            "forceLocalhost");

    private static final Map<String, ApiSpec> ACTIONS = table(
            ApiSpec.of("SetAlertsStatus", "POST", List.of("api/detection_engine/signals/status"), "",
                    "reason signal_ids status conflicts query"),
            ApiSpec.of("SetAlertTags", "POST", List.of("api/detection_engine/signals/tags"), "", "ids query tags"),
            ApiSpec.of("SetAlertAssignees", "POST", List.of("api/detection_engine/signals/assignees"), "",
                    "ids assignees"),
            ApiSpec.of("SearchAlerts", "POST", List.of("api/detection_engine/signals/search"), "",
                    "aggs query size sort _source track_total_hits runtime_mappings"),
            ApiSpec.of("ReadRule", "GET", List.of("api/detection_engine/rules"), "id rule_id", ""),
            ApiSpec.of("FindRules", "GET", List.of("api/detection_engine/rules/_find"), "fields filter sort_field"
                    + " sort_order page per_page gaps_range_start gaps_range_end gap_fill_statuses", ""),
            ApiSpec.of("PatchRule", "PATCH", List.of("api/detection_engine/rules"), "", ""),
            ApiSpec.of("CreateRuleExceptionListItems", "POST", List.of("api/detection_engine/rules/{id}/exceptions"),
                    "", "items"),
            ApiSpec.of("CreateExceptionListItem", "POST", List.of("api/exception_lists/items"), "", ""),
            ApiSpec.of("ReadExceptionListItem", "GET", List.of("api/exception_lists/items"),
                    "id item_id namespace_type", ""),
            ApiSpec.of("FindExceptionListItems", "GET", List.of("api/exception_lists/items/_find"), "list_id filter"
                    + " namespace_type search page per_page sort_field sort_order", ""),
            ApiSpec.of("DeleteExceptionListItem", "DELETE", List.of("api/exception_lists/items"),
                    "id item_id namespace_type", ""),
            ApiSpec.of("CreateEndpointListItem", "POST", List.of("api/endpoint_list/items"), "", ""),
            ApiSpec.of("GetStatus", "GET", List.of("api/status"), "v7format v8format", ""));

    private KibanaRequests() {
    }

    private static Map<String, ApiSpec> table(ApiSpec... specs) {
        Map<String, ApiSpec> map = new TreeMap<>();
        for (ApiSpec spec : specs) {
            map.put(spec.name(), spec);
        }
        return Map.copyOf(map);
    }

    /** The named actions this builder knows, besides {@code request}. */
    public static Set<String> actions() {
        return new java.util.TreeSet<>(ACTIONS.keySet());
    }

    /**
     * @param action the step type after {@code kibana.} ("request", "SetAlertsStatus")
     * @param space  the connector's space ("default" or null: no prefix)
     */
    public static ApiRequest build(String action, Map<String, Object> with, String space) throws StepFailure {
        String stepType = "kibana." + action;
        Map<String, Object> params = new LinkedHashMap<>(with);
        params.keySet().removeAll(META);
        if (params.get("request") instanceof Map<?, ?> raw) {
            return raw(stepType, ElasticParams.object(raw), space);
        }
        if (action.equals("request")) {
            return raw(stepType, params, space);
        }
        ApiSpec spec = ACTIONS.get(action);
        if (spec == null) {
            throw ElasticParams.failure(stepType, "Vigil does not know this Kibana API; use kibana.request with"
                    + " {method, path, body, query} (known actions: " + String.join(", ", actions()) + ")");
        }
        ApiSpec.Parts parts = spec.request(stepType, params, Set.of());
        return request(parts.method(), parts.path(), parts.query(), parts.headers(),
                parts.body().isEmpty() ? ApiRequest.NO_BODY : new ApiRequest.Body.JsonValue(parts.body()), space);
    }

    /** {@code kibana.request}: {method (GET), path, body?, query?, headers?}. */
    static ApiRequest raw(String action, Map<String, Object> with, String space) throws StepFailure {
        String method = with.get("method") == null ? "GET"
                : String.valueOf(with.get("method")).strip().toUpperCase(Locale.ROOT);
        if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD").contains(method)) {
            throw ElasticParams.invalid(action, "method", "one of GET, POST, PUT, PATCH, DELETE", with.get("method"));
        }
        String path = UrlText.rawPath(ElasticParams.requiredText(action, with, "path").strip());
        Object body = with.get("body");
        ApiRequest.Body payload = body == null || body instanceof String s && s.isBlank() ? ApiRequest.NO_BODY
                : body instanceof String s ? new ApiRequest.Body.Text(s, "application/json")
                : new ApiRequest.Body.JsonValue(body);
        return request(method, path, ElasticParams.query(action, with.get("query")),
                ElasticParams.headers(action, with.get("headers")), payload, space);
    }

    /** A request with Kibana's headers and the space prefix. */
    static ApiRequest request(String method, String path, Map<String, Object> query, Map<String, String> headers,
                              ApiRequest.Body body, String space) {
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.put("kbn-xsrf", "true");
        all.put("Content-Type", "application/json");
        all.putAll(headers);
        return new ApiRequest(method, inSpace(path, space), query, all, body);
    }

    /** {@code /s/<space>} + path, for a space other than the default one, unless the path already names a space. */
    static String inSpace(String path, String space) {
        if (space == null || space.isBlank() || space.equals("default") || path.startsWith("/s/")) {
            return path;
        }
        return "/s/" + UrlText.segment(space.strip()) + path;
    }
}
