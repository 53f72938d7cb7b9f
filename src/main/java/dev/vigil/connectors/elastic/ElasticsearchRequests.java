package dev.vigil.connectors.elastic;

import dev.vigil.steps.StepFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the HTTP request for a step {@code elasticsearch.<api>} from its {@code with} (WORKFLOW_FORMAT.md §3.8):
 * {@code request} sends {@code {method, path, body, query, headers}} as written; named APIs are mapped by their
 * {@link ApiSpec} row below, taken from the Elasticsearch specification (the same parameter lists Kibana's generated
 * step contracts use). The older form {@code with.request: {method, path, body}} works for every step type.
 */
public final class ElasticsearchRequests {

    private static final String SEARCH_URL = "allow_no_indices allow_partial_search_results analyzer analyze_wildcard"
            + " batched_reduce_size ccs_minimize_roundtrips default_operator df docvalue_fields expand_wildcards explain"
            + " ignore_throttled ignore_unavailable include_named_queries_score lenient max_concurrent_shard_requests"
            + " preference pre_filter_shard_size request_cache routing scroll search_type stats stored_fields"
            + " suggest_field suggest_mode suggest_size suggest_text terminate_after timeout track_total_hits"
            + " track_scores typed_keys rest_total_hits_as_int version _source _source_excludes _source_includes"
            + " seq_no_primary_term q size from sort";
    private static final String SEARCH_BODY = "aggregations aggs collapse explain ext from highlight track_total_hits"
            + " indices_boost docvalue_fields knn rank min_score post_filter profile query rescore retriever"
            + " script_fields search_after size slice sort _source fields suggest terminate_after timeout track_scores"
            + " version seq_no_primary_term stored_fields pit runtime_mappings stats";
    private static final String WRITE_URL = "if_primary_term if_seq_no include_source_on_error op_type pipeline"
            + " refresh routing timeout version version_type wait_for_active_shards require_alias require_data_stream";
    private static final String GET_URL = "preference realtime refresh routing _source _source_excludes"
            + " _source_includes stored_fields version version_type";
    private static final String BY_QUERY_URL = "allow_no_indices analyzer analyze_wildcard conflicts default_operator"
            + " df expand_wildcards from ignore_unavailable lenient max_docs preference refresh request_cache"
            + " requests_per_second routing q scroll scroll_size search_timeout search_type slices sort stats"
            + " terminate_after timeout version wait_for_active_shards wait_for_completion";
    private static final String INDICES_URL = "allow_no_indices expand_wildcards ignore_unavailable";

    private static final Map<String, ApiSpec> APIS = table(
            ApiSpec.of("info", "GET", List.of(""), "", ""),
            ApiSpec.of("search", "GET POST", List.of("_search", "{index}/_search"), SEARCH_URL, SEARCH_BODY),
            ApiSpec.of("count", "GET POST", List.of("_count", "{index}/_count"), "allow_no_indices analyzer"
                    + " analyze_wildcard default_operator df expand_wildcards ignore_throttled ignore_unavailable lenient"
                    + " min_score preference routing terminate_after q", "query"),
            ApiSpec.of("esql.query", "POST", List.of("_query"),
                    "format delimiter drop_null_columns allow_partial_results",
                    "columnar filter locale params profile query tables include_ccs_metadata"
                            + " include_execution_metadata"),
            ApiSpec.of("index", "PUT POST", List.of("PUT {index}/_doc/{id}", "POST {index}/_doc"), WRITE_URL, ""),
            ApiSpec.of("create", "PUT", List.of("{index}/_create/{id}"), WRITE_URL, ""),
            ApiSpec.of("get", "GET", List.of("{index}/_doc/{id}"), GET_URL, ""),
            ApiSpec.of("exists", "HEAD", List.of("{index}/_doc/{id}"), GET_URL, ""),
            ApiSpec.of("update", "POST", List.of("{index}/_update/{id}"), "if_primary_term if_seq_no"
                    + " include_source_on_error lang refresh require_alias retry_on_conflict routing timeout"
                    + " wait_for_active_shards _source _source_excludes _source_includes",
                    "detect_noop doc doc_as_upsert script scripted_upsert _source upsert"),
            ApiSpec.of("delete", "DELETE", List.of("{index}/_doc/{id}"), "if_primary_term if_seq_no refresh routing"
                    + " timeout version version_type wait_for_active_shards", ""),
            ApiSpec.of("bulk", "POST PUT", List.of("_bulk", "{index}/_bulk"), "include_source_on_error"
                    + " list_executed_pipelines pipeline refresh routing _source _source_excludes _source_includes"
                    + " timeout wait_for_active_shards require_alias require_data_stream", ""),
            ApiSpec.of("mget", "GET POST", List.of("_mget", "{index}/_mget"), GET_URL, "docs ids"),
            ApiSpec.of("delete_by_query", "POST", List.of("{index}/_delete_by_query"), BY_QUERY_URL,
                    "max_docs query slice sort"),
            ApiSpec.of("update_by_query", "POST", List.of("{index}/_update_by_query"), BY_QUERY_URL
                    + " pipeline version_type", "max_docs query script slice conflicts"),
            ApiSpec.of("indices.create", "PUT", List.of("{index}"), "master_timeout timeout wait_for_active_shards",
                    "aliases mappings settings"),
            ApiSpec.of("indices.delete", "DELETE", List.of("{index}"), INDICES_URL + " master_timeout timeout", ""),
            ApiSpec.of("indices.exists", "HEAD", List.of("{index}"), INDICES_URL
                    + " flat_settings include_defaults local", ""),
            ApiSpec.of("indices.get", "GET", List.of("{index}"), INDICES_URL
                    + " flat_settings include_defaults local master_timeout features", ""),
            ApiSpec.of("indices.get_mapping", "GET", List.of("_mapping", "{index}/_mapping"), INDICES_URL
                    + " local master_timeout", ""),
            ApiSpec.of("indices.put_mapping", "PUT POST", List.of("{index}/_mapping"), INDICES_URL
                    + " master_timeout timeout write_index_only", "date_detection dynamic dynamic_date_formats"
                    + " dynamic_templates _field_names _meta numeric_detection properties _routing _source runtime"),
            ApiSpec.of("indices.refresh", "POST GET", List.of("_refresh", "{index}/_refresh"), INDICES_URL, ""),
            ApiSpec.of("cluster.health", "GET", List.of("_cluster/health", "_cluster/health/{index}"),
                    "expand_wildcards level local master_timeout timeout wait_for_active_shards wait_for_events"
                            + " wait_for_nodes wait_for_no_initializing_shards wait_for_no_relocating_shards"
                            + " wait_for_status", ""),
            ApiSpec.of("eql.search", "GET POST", List.of("{index}/_eql/search"), INDICES_URL
                    + " ccs_minimize_roundtrips allow_partial_search_results allow_partial_sequence_results"
                    + " keep_alive keep_on_completion wait_for_completion_timeout", "query case_sensitive"
                    + " event_category_field tiebreaker_field timestamp_field fetch_size filter keep_alive"
                    + " keep_on_completion wait_for_completion_timeout allow_partial_search_results"
                    + " allow_partial_sequence_results size fields result_position runtime_mappings"
                    + " max_samples_per_key"),
            ApiSpec.of("sql.query", "POST GET", List.of("_sql"), "format", "allow_partial_search_results catalog"
                    + " columnar cursor fetch_size field_multi_value_leniency filter index_using_frozen keep_alive"
                    + " keep_on_completion page_timeout params query request_timeout runtime_mappings time_zone"
                    + " wait_for_completion_timeout"));

    /** The bulk API's action names: an operation object with only these keys is an action line. */
    private static final Set<String> BULK_ACTIONS = Set.of("index", "create", "update", "delete");
    private static final Set<String> NONE = Set.of();

    private ElasticsearchRequests() {
    }

    private static Map<String, ApiSpec> table(ApiSpec... specs) {
        Map<String, ApiSpec> map = new TreeMap<>();
        for (ApiSpec spec : specs) {
            map.put(spec.name(), spec);
        }
        return Map.copyOf(map);
    }

    /** The named APIs this builder knows, besides {@code request}. */
    public static Set<String> apis() {
        return new java.util.TreeSet<>(APIS.keySet());
    }

    /**
     * @param api the step type after {@code elasticsearch.} ("search", "esql.query", "request")
     * @throws StepFailure when the API is unknown or {@code with} does not fit it
     */
    public static ApiRequest build(String api, Map<String, Object> with) throws StepFailure {
        String action = "elasticsearch." + api;
        if (with.get("request") instanceof Map<?, ?> raw) {
            return raw(action, ElasticParams.object(raw));
        }
        if (api.equals("request")) {
            return raw(action, with);
        }
        ApiSpec spec = APIS.get(api);
        if (spec == null) {
            throw ElasticParams.failure(action, "Vigil does not know this Elasticsearch API; use elasticsearch.request"
                    + " with {method, path, body} (known APIs: " + String.join(", ", apis()) + ")");
        }
        return switch (api) {
            case "index", "create" -> document(action, spec, with);
            case "bulk" -> bulk(action, spec, with);
            default -> {
                ApiSpec.Parts parts = spec.request(action, with, NONE);
                yield new ApiRequest(parts.method(), parts.path(), parts.query(), parts.headers(),
                        parts.body().isEmpty() ? ApiRequest.NO_BODY : new ApiRequest.Body.JsonValue(parts.body()));
            }
        };
    }

    /** {@code elasticsearch.request}: {method (GET), path, body?, query?, headers?} sent as written. */
    static ApiRequest raw(String action, Map<String, Object> with) throws StepFailure {
        String method = with.get("method") == null ? "GET"
                : String.valueOf(with.get("method")).strip().toUpperCase(Locale.ROOT);
        if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD").contains(method)) {
            throw ElasticParams.invalid(action, "method", "one of GET, POST, PUT, DELETE, PATCH, HEAD", with.get("method"));
        }
        String path = UrlText.rawPath(ElasticParams.requiredText(action, with, "path").strip());
        Object body = with.get("body");
        ApiRequest.Body payload = switch (body) {
            case null -> ApiRequest.NO_BODY;
            case String s when s.isBlank() -> ApiRequest.NO_BODY;
            // a body written as text is sent as it is: NDJSON for _bulk and _msearch, else taken as JSON
            case String s -> new ApiRequest.Body.Text(s.endsWith("\n") || !isNdjsonPath(path) ? s : s + "\n",
                    isNdjsonPath(path) ? "application/x-ndjson" : "application/json");
            default -> new ApiRequest.Body.JsonValue(body);
        };
        return new ApiRequest(method, path, ElasticParams.query(action, with.get("query")),
                ElasticParams.headers(action, with.get("headers")), payload);
    }

    private static boolean isNdjsonPath(String path) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return p.endsWith("/_bulk") || p.endsWith("/_msearch") || p.endsWith("/_msearch/template");
    }

    /** {@code index} and {@code create}: {@code with.document} is the whole body (Kibana's special case). */
    private static ApiRequest document(String action, ApiSpec spec, Map<String, Object> with) throws StepFailure {
        ApiSpec.Parts parts = spec.request(action, with, Set.of("document"));
        Object document = with.get("document");
        Object body;
        if (document != null) {
            if (!(document instanceof Map<?, ?>)) {
                throw ElasticParams.invalid(action, "document", "an object", document);
            }
            body = document;
        } else if (!parts.body().isEmpty()) {
            body = parts.body();
        } else {
            throw ElasticParams.failure(action, "with.document is required (the document to store)");
        }
        return new ApiRequest(parts.method(), parts.path(), parts.query(), parts.headers(),
                new ApiRequest.Body.JsonValue(body));
    }

    /**
     * {@code bulk}: {@code with.operations} (or a list in {@code with.body}) sent as NDJSON. A list of plain
     * documents is indexed: each gets an {@code {"index": {}}} line before it, which needs {@code with.index}.
     */
    private static ApiRequest bulk(String action, ApiSpec spec, Map<String, Object> with) throws StepFailure {
        Object operations = with.get("operations") != null ? with.get("operations") : with.get("body");
        if (!(operations instanceof List<?> list) || list.isEmpty()) {
            throw ElasticParams.failure(action, "with.operations is required: a list of action and document lines,"
                    + " or of plain documents to index");
        }
        Map<String, Object> rest = new LinkedHashMap<>(with);
        rest.remove("body");
        ApiSpec.Parts parts = spec.request(action, rest, Set.of("operations"));
        if (!parts.body().isEmpty()) {
            throw ElasticParams.failure(action, "with." + parts.body().keySet().iterator().next() + " is not a"
                    + " parameter of the bulk API (its URL parameters: " + String.join(", ", spec.urlParams().stream()
                    .sorted().toList()) + ")");
        }
        List<Object> lines = new ArrayList<>();
        for (Object op : list) {
            if (!(op instanceof Map<?, ?> || op instanceof String s && !s.isBlank())) {
                throw ElasticParams.invalid(action, "operations[" + lines.size() + "]", "an object", op);
            }
            lines.add(op);
        }
        if (lines.stream().allMatch(ElasticsearchRequests::isDocument)) {
            if (with.get("index") == null) {
                throw ElasticParams.failure(action, "with.index is required when with.operations are plain"
                        + " documents (each is indexed into it)");
            }
            List<Object> indexed = new ArrayList<>();
            for (Object doc : lines) {
                indexed.add(Map.of("index", Map.of()));
                indexed.add(doc);
            }
            lines = indexed;
        }
        return new ApiRequest(parts.method(), parts.path(), parts.query(), parts.headers(),
                new ApiRequest.Body.Ndjson(lines));
    }

    /** An operation that is not an action line ({"index": {...}}): a document, or a line written as text. */
    private static boolean isDocument(Object op) {
        return op instanceof Map<?, ?> map && !map.isEmpty()
                && !map.keySet().stream().allMatch(k -> BULK_ACTIONS.contains(String.valueOf(k)));
    }
}
