package dev.vigil.sims;

import dev.vigil.model.Json;
import dev.vigil.sims.ElasticsearchQueries.Doc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Elasticsearch 9 over its REST API, in memory: indices with documents ({@code _doc}, {@code _create},
 * {@code _update}, {@code _bulk} with NDJSON), {@code _search} and {@code _count} with the query subset of
 * {@link ElasticsearchQueries}, ES|QL ({@code _query}: answers stubbed by {@link #answerEsql}, else {@code FROM <index>}
 * with {@code KEEP} and {@code LIMIT} read from the documents, or {@code ROW}), index create/exists/delete/mapping,
 * by-query APIs, cluster health, EQL (no sequences), the ingest simulate API with the attachment processor. Answers
 * and errors have Elasticsearch's shapes and statuses; every request needs an API key, a service token or basic auth.
 */
public final class ElasticsearchSim extends Simulator {

    public static final String API_KEY_ID = "VuaCfGcBCdbkQm-e5aOx";
    public static final String API_KEY_SECRET = "ui2lp2axTNmsyakw9tvNnw";
    /** The encoded API key, as Elasticsearch returns it in {@code encoded}. */
    public static final String API_KEY = Base64.getEncoder().encodeToString(
            (API_KEY_ID + ":" + API_KEY_SECRET).getBytes(StandardCharsets.UTF_8));
    public static final String SERVICE_TOKEN = "AAEAAWVsYXN0aWMva2liYW5hL3ZpZ2lsLXNpbTpzZWNyZXQtdG9rZW4";
    public static final String USER = "elastic";
    public static final String PASSWORD = "sim-password-31415";
    public static final String VERSION = "9.1.3";

    private static final String INDEX = "/([^/_][^/]*)";

    private final Map<String, SimIndex> indices = new LinkedHashMap<>();
    private final List<EsqlAnswer> esqlAnswers = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    private static final class SimIndex {
        final String name;
        final String uuid = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        Map<String, Object> mappings = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
        final Map<String, Long> versions = new LinkedHashMap<>();
        long seqNo;

        SimIndex(String name) {
            this.name = name;
        }
    }

    private record EsqlAnswer(String contains, List<Map<String, Object>> columns, List<List<Object>> values) {
    }

    public ElasticsearchSim() {
        route("GET", "/", (r, m) -> authed(r, () -> Response.json(Map.of("name", "sim-node-1", "cluster_name",
                "vigil-sim", "cluster_uuid", "fMtCpYZ9Q0qHkCt1e8Hq4A", "version", Map.of("number", VERSION,
                        "build_flavor", "default", "lucene_version", "10.2.2"), "tagline", "You Know, for Search"))));
        route("GET", "/_cluster/health(?:/([^/]+))?", (r, m) -> authed(r, this::health));
        for (String method : List.of("GET", "POST")) {
            route(method, "/_search", (r, m) -> authed(r, () -> search(r, "*", false)));
            route(method, INDEX + "/_search", (r, m) -> authed(r, () -> search(r, m.group(1), false)));
            route(method, "/_count", (r, m) -> authed(r, () -> search(r, "*", true)));
            route(method, INDEX + "/_count", (r, m) -> authed(r, () -> search(r, m.group(1), true)));
            route(method, INDEX + "/_refresh", (r, m) -> authed(r, () -> refresh(m.group(1))));
            route(method, INDEX + "/_eql/search", (r, m) -> authed(r, () -> eql(m.group(1))));
        }
        route("POST", "/_query", (r, m) -> authed(r, () -> esql(r)));
        for (String method : List.of("POST", "PUT")) {
            route(method, "/_bulk", (r, m) -> authed(r, () -> bulk(r, null)));
            route(method, INDEX + "/_bulk", (r, m) -> authed(r, () -> bulk(r, m.group(1))));
            route(method, INDEX + "/_doc/(.+)", (r, m) -> authed(r, () -> write(r, m.group(1), m.group(2), "index")));
            route(method, INDEX + "/_create/(.+)", (r, m) -> authed(r, () -> write(r, m.group(1), m.group(2), "create")));
            route(method, INDEX + "/_mapping", (r, m) -> authed(r, () -> putMapping(r, m.group(1))));
        }
        route("POST", INDEX + "/_doc", (r, m) -> authed(r, () -> write(r, m.group(1), null, "index")));
        route("GET", INDEX + "/_doc/(.+)", (r, m) -> authed(r, () -> get(m.group(1), m.group(2), false)));
        route("HEAD", INDEX + "/_doc/(.+)", (r, m) -> authed(r, () -> get(m.group(1), m.group(2), true)));
        route("DELETE", INDEX + "/_doc/(.+)", (r, m) -> authed(r, () -> deleteDoc(m.group(1), m.group(2))));
        route("POST", INDEX + "/_update/(.+)", (r, m) -> authed(r, () -> update(r, m.group(1), m.group(2))));
        route("POST", INDEX + "/_delete_by_query", (r, m) -> authed(r, () -> byQuery(r, m.group(1), true)));
        route("POST", INDEX + "/_update_by_query", (r, m) -> authed(r, () -> byQuery(r, m.group(1), false)));
        route("GET", "/_mapping", (r, m) -> authed(r, () -> mapping("*")));
        route("GET", INDEX + "/_mapping", (r, m) -> authed(r, () -> mapping(m.group(1))));
        route("POST", "/_ingest/pipeline/_simulate", (r, m) -> authed(r, () -> simulatePipeline(r)));
        route("POST", "/_security/profile/_suggest", (r, m) -> authed(r, () -> Response.json(Map.of("took", 1,
                "total", Map.of("value", 0, "relation", "eq"), "profiles", List.of()))));
        route("HEAD", INDEX, (r, m) -> authed(r, () -> Response.empty(exists(m.group(1)) ? 200 : 404)));
        route("PUT", INDEX, (r, m) -> authed(r, () -> createIndex(r, m.group(1))));
        route("DELETE", INDEX, (r, m) -> authed(r, () -> deleteIndex(m.group(1))));
        route("GET", INDEX, (r, m) -> authed(r, () -> getIndex(m.group(1))));
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH")) {
            route(method, "/.*", (r, m) -> authed(r, () -> Response.json(400, Map.of("error",
                    "no handler found for uri [" + r.path() + "] and method [" + r.method() + "]"))));
        }
    }

    @Override
    public String name() {
        return "Elasticsearch " + VERSION + " REST API";
    }

    // ---- set-up and inspection for tests ----

    /** Stores a document as an index request would (creating the index). */
    public synchronized void seed(String index, String id, Map<String, Object> source) {
        SimIndex idx = indices.computeIfAbsent(index, SimIndex::new);
        idx.docs.put(id, new LinkedHashMap<>(source));
        idx.versions.merge(id, 1L, Long::sum);
        idx.seqNo++;
    }

    public synchronized Map<String, Object> document(String index, String id) {
        SimIndex idx = indices.get(index);
        return idx == null ? null : idx.docs.get(id);
    }

    public synchronized boolean exists(String index) {
        return indices.containsKey(index);
    }

    public synchronized int count(String index) {
        SimIndex idx = indices.get(index);
        return idx == null ? 0 : idx.docs.size();
    }

    /** The next ES|QL queries containing {@code contains} answer these columns ({@code {name, type}}) and rows. */
    public synchronized void answerEsql(String contains, List<Map<String, Object>> columns, List<List<Object>> values) {
        esqlAnswers.add(new EsqlAnswer(contains, columns, values));
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        return error(429, "es_rejected_execution_exception", "rejected execution of coordinating operation"
                + " [coordinating_and_primary_bytes=0, replica_bytes=0, all_bytes=0, coordinating_operation_bytes=1,"
                + " max_coordinating_and_primary_bytes=0]", null).withHeader("Retry-After", String.valueOf(seconds));
    }

    // ---- auth and errors ----

    private interface Answer {
        Response get();
    }

    private Response authed(Request r, Answer answer) {
        String auth = r.header("authorization");
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        if (!("ApiKey " + API_KEY).equals(auth) && !("Bearer " + SERVICE_TOKEN).equals(auth) && !basic.equals(auth)) {
            String reason = auth == null ? "missing authentication credentials for REST request [" + r.path() + "]"
                    : "unable to authenticate with provided credentials and anonymous access is not allowed for REST"
                            + " request [" + r.path() + "]";
            return error(401, "security_exception", reason, null)
                    .withHeader("WWW-Authenticate", "ApiKey, Basic realm=\"security\", charset=\"UTF-8\"");
        }
        synchronized (this) {
            return answer.get();
        }
    }

    /** Elasticsearch's error body: {@code {"error": {"root_cause": [...], "type", "reason"}, "status"}}. */
    static Response error(int status, String type, String reason, Map<String, Object> extra) {
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("type", type);
        cause.put("reason", reason);
        if (extra != null) {
            cause.putAll(extra);
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("root_cause", List.of(cause));
        error.putAll(cause);
        return Response.json(status, Map.of("error", error, "status", status));
    }

    private Response indexNotFound(String index) {
        return error(404, "index_not_found_exception", "no such index [" + index + "]", Map.of("resource.type",
                "index_or_alias", "resource.id", index, "index_uuid", "_na_", "index", index));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Request r) {
        Object json = r.body() == null || r.body().isBlank() ? Map.of() : Json.parse(r.body());
        return json instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static boolean isJson(Request r) {
        String type = r.header("content-type");
        return type != null && (type.startsWith("application/json") || type.startsWith("application/vnd.elasticsearch+json"));
    }

    private static Response notJson(Request r) {
        return Response.json(406, Map.of("error", "Content-Type header [" + r.header("content-type")
                + "] is not supported", "status", 406));
    }

    // ---- indices ----

    /** Concrete names and patterns ({@code logs-*,alerts}) to indices; a missing concrete name is an error. */
    private List<SimIndex> resolve(String expression, boolean lenient, String[] missing) {
        List<SimIndex> out = new ArrayList<>();
        for (String part : expression.split(",")) {
            String name = part.strip();
            if (name.isEmpty() || name.equals("_all") || name.equals("*")) {
                indices.values().stream().filter(i -> !i.name.startsWith(".")).forEach(out::add);
            } else if (name.contains("*")) {
                Pattern p = Pattern.compile(Pattern.quote(name).replace("*", "\\E.*\\Q"));
                indices.values().stream().filter(i -> p.matcher(i.name).matches()).forEach(out::add);
            } else if (indices.containsKey(name)) {
                out.add(indices.get(name));
            } else if (!lenient && missing[0] == null) {
                missing[0] = name;
            }
        }
        return out.stream().distinct().toList();
    }

    private Response createIndex(Request r, String name) {
        if (indices.containsKey(name)) {
            SimIndex existing = indices.get(name);
            return error(400, "resource_already_exists_exception", "index [" + name + "/" + existing.uuid
                    + "] already exists", Map.of("index_uuid", existing.uuid, "index", name));
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            return error(400, "invalid_index_name_exception", "Invalid index name [" + name + "], must be lowercase",
                    Map.of("index_uuid", "_na_", "index", name));
        }
        Map<String, Object> body = body(r);
        for (String key : body.keySet()) {
            if (!List.of("aliases", "mappings", "settings").contains(key)) {
                return error(400, "parse_exception", "unknown key [" + key + "] for create index", null);
            }
        }
        SimIndex idx = new SimIndex(name);
        idx.mappings = mapOr(body.get("mappings"));
        idx.settings = mapOr(body.get("settings"));
        indices.put(name, idx);
        return Response.json(Map.of("acknowledged", true, "shards_acknowledged", true, "index", name));
    }

    private Response deleteIndex(String expression) {
        String[] missing = new String[1];
        List<SimIndex> found = resolve(expression, false, missing);
        if (missing[0] != null) {
            return indexNotFound(missing[0]);
        }
        found.forEach(i -> indices.remove(i.name));
        return Response.json(Map.of("acknowledged", true));
    }

    private Response getIndex(String expression) {
        String[] missing = new String[1];
        List<SimIndex> found = resolve(expression, false, missing);
        if (missing[0] != null) {
            return indexNotFound(missing[0]);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        found.forEach(i -> out.put(i.name, Map.of("aliases", Map.of(), "mappings", i.mappings,
                "settings", Map.of("index", i.settings))));
        return Response.json(out);
    }

    private Response mapping(String expression) {
        String[] missing = new String[1];
        List<SimIndex> found = resolve(expression, false, missing);
        if (missing[0] != null) {
            return indexNotFound(missing[0]);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        found.forEach(i -> out.put(i.name, Map.of("mappings", i.mappings)));
        return Response.json(out);
    }

    @SuppressWarnings("unchecked")
    private Response putMapping(Request r, String name) {
        SimIndex idx = indices.get(name);
        if (idx == null) {
            return indexNotFound(name);
        }
        Map<String, Object> body = body(r);
        Map<String, Object> properties = new LinkedHashMap<>(mapOr(idx.mappings.get("properties")));
        properties.putAll(mapOr(body.get("properties")));
        idx.mappings.put("properties", properties);
        return Response.json(Map.of("acknowledged", true));
    }

    private Response refresh(String expression) {
        String[] missing = new String[1];
        int n = resolve(expression, false, missing).size();
        return missing[0] != null ? indexNotFound(missing[0])
                : Response.json(Map.of("_shards", Map.of("total", n * 2, "successful", n, "failed", 0)));
    }

    private Response health() {
        return Response.json(Map.ofEntries(Map.entry("cluster_name", "vigil-sim"), Map.entry("status", "green"),
                Map.entry("timed_out", false), Map.entry("number_of_nodes", 1), Map.entry("number_of_data_nodes", 1),
                Map.entry("active_primary_shards", indices.size()), Map.entry("active_shards", indices.size()),
                Map.entry("relocating_shards", 0), Map.entry("initializing_shards", 0),
                Map.entry("unassigned_shards", 0), Map.entry("delayed_unassigned_shards", 0),
                Map.entry("number_of_pending_tasks", 0), Map.entry("number_of_in_flight_fetch", 0),
                Map.entry("task_max_waiting_in_queue_millis", 0), Map.entry("active_shards_percent_as_number", 100.0)));
    }

    // ---- documents ----

    private Map<String, Object> writeResult(SimIndex idx, String id, String result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("_index", idx.name);
        out.put("_id", id);
        out.put("_version", idx.versions.getOrDefault(id, 1L));
        out.put("result", result);
        out.put("_shards", Map.of("total", 2, "successful", 1, "failed", 0));
        out.put("_seq_no", idx.seqNo++);
        out.put("_primary_term", 1);
        return out;
    }

    private Response write(Request r, String index, String id, String opType) {
        if (!isJson(r)) {
            return notJson(r);
        }
        if (r.body() == null || r.body().isBlank()) {
            return error(400, "parse_exception", "request body is required", null);
        }
        SimIndex idx = indices.computeIfAbsent(index, SimIndex::new);
        String docId = id == null ? newId() : id;
        boolean create = opType.equals("create") || "create".equals(r.query().get("op_type"));
        if (create && idx.docs.containsKey(docId)) {
            return versionConflict(idx, docId);
        }
        boolean existed = idx.docs.containsKey(docId);
        idx.docs.put(docId, new LinkedHashMap<>(body(r)));
        idx.versions.merge(docId, 1L, Long::sum);
        return Response.json(existed ? 200 : 201, writeResult(idx, docId, existed ? "updated" : "created"));
    }

    private Response versionConflict(SimIndex idx, String id) {
        return error(409, "version_conflict_engine_exception", "[" + id + "]: version conflict, document already"
                + " exists (current version [" + idx.versions.get(id) + "])", Map.of("index_uuid", idx.uuid,
                "shard", "0", "index", idx.name));
    }

    private String newId() {
        return "sim" + Long.toString(System.nanoTime(), 36) + ids.incrementAndGet();
    }

    private Response get(String index, String id, boolean head) {
        SimIndex idx = indices.get(index);
        if (idx == null) {
            return head ? Response.empty(404) : indexNotFound(index);
        }
        if (!idx.docs.containsKey(id)) {
            return head ? Response.empty(404) : Response.json(404, Map.of("_index", index, "_id", id, "found", false));
        }
        if (head) {
            return Response.empty(200);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("_index", index);
        out.put("_id", id);
        out.put("_version", idx.versions.get(id));
        out.put("_seq_no", idx.seqNo - 1);
        out.put("_primary_term", 1);
        out.put("found", true);
        out.put("_source", idx.docs.get(id));
        return Response.json(out);
    }

    private Response deleteDoc(String index, String id) {
        SimIndex idx = indices.get(index);
        if (idx == null) {
            return indexNotFound(index);
        }
        if (idx.docs.remove(id) == null) {
            Map<String, Object> out = writeResult(idx, id, "not_found");
            return Response.json(404, out);
        }
        idx.versions.merge(id, 1L, Long::sum);
        return Response.json(writeResult(idx, id, "deleted"));
    }

    private Response update(Request r, String index, String id) {
        if (!isJson(r)) {
            return notJson(r);
        }
        Map<String, Object> body = body(r);
        for (String key : body.keySet()) {
            if (!List.of("doc", "doc_as_upsert", "upsert", "script", "scripted_upsert", "detect_noop", "_source")
                    .contains(key)) {
                return error(400, "x_content_parse_exception", "[1:2] [UpdateRequest] unknown field [" + key + "]",
                        null);
            }
        }
        SimIndex idx = indices.computeIfAbsent(index, SimIndex::new);
        Map<String, Object> current = idx.docs.get(id);
        if (current == null) {
            Object seed = Boolean.TRUE.equals(body.get("doc_as_upsert")) ? body.get("doc") : body.get("upsert");
            if (seed == null) {
                return error(404, "document_missing_exception", "[" + id + "]: document missing",
                        Map.of("index_uuid", idx.uuid, "shard", "0", "index", index));
            }
            idx.docs.put(id, new LinkedHashMap<>(mapOr(seed)));
            idx.versions.put(id, 1L);
            return Response.json(201, writeResult(idx, id, "created"));
        }
        // the simulator does not run Painless: a script update is recorded and bumps the version only
        if (body.get("doc") != null) {
            Map<String, Object> merged = merge(current, mapOr(body.get("doc")));
            if (merged.equals(current) && !Boolean.FALSE.equals(body.get("detect_noop"))) {
                return Response.json(writeResult(idx, id, "noop"));
            }
            idx.docs.put(id, merged);
        }
        idx.versions.merge(id, 1L, Long::sum);
        return Response.json(writeResult(idx, id, "updated"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> changes) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        changes.forEach((k, v) -> out.merge(k, v, (old, neu) -> old instanceof Map<?, ?> a && neu instanceof Map<?, ?> b
                ? merge((Map<String, Object>) a, (Map<String, Object>) b) : neu));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOr(Object value) {
        return value instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }

    // ---- search ----

    private List<Doc> find(List<SimIndex> targets, Object query) {
        List<Doc> out = new ArrayList<>();
        for (SimIndex idx : targets) {
            idx.docs.forEach((id, source) -> {
                Doc doc = new Doc(idx.name, id, source);
                if (ElasticsearchQueries.matches(query, doc)) {
                    out.add(doc);
                }
            });
        }
        return out;
    }

    private Response search(Request r, String expression, boolean countOnly) {
        if (r.body() != null && !r.body().isBlank() && !isJson(r)) {
            return notJson(r);
        }
        Map<String, Object> body = body(r);
        String[] missing = new String[1];
        List<SimIndex> targets = resolve(expression, "true".equals(r.query().get("ignore_unavailable")), missing);
        if (missing[0] != null) {
            return indexNotFound(missing[0]);
        }
        Object query = body.get("query");
        if (query == null && r.query().get("q") != null) {
            String[] q = r.query().get("q").split(":", 2);
            query = q.length == 2 ? Map.of("match", Map.of(q[0], q[1])) : Map.of("match_all", Map.of());
        }
        List<Doc> hits = new ArrayList<>(find(targets, query));
        Map<String, Object> shards = Map.of("total", targets.size(), "successful", targets.size(), "skipped", 0,
                "failed", 0);
        if (countOnly) {
            return Response.json(Map.of("count", hits.size(), "_shards", shards));
        }
        Object sort = body.get("sort") != null ? body.get("sort") : r.query().get("sort");
        if (sort != null) {
            hits.sort(ElasticsearchQueries.order(sort));
        }
        int from = number(body.get("from"), r.query().get("from"), 0);
        int size = number(body.get("size"), r.query().get("size"), 10);
        List<Map<String, Object>> page = new ArrayList<>();
        for (Doc doc : hits.subList(Math.min(from, hits.size()), Math.min(from + size, hits.size()))) {
            Map<String, Object> hit = new LinkedHashMap<>();
            hit.put("_index", doc.index());
            hit.put("_id", doc.id());
            hit.put("_score", sort == null ? 1.0 : null);
            hit.put("_source", doc.source());
            if (sort != null) {
                hit.put("sort", sortValues(sort, doc));
            }
            page.add(hit);
        }
        Map<String, Object> hitsPart = new LinkedHashMap<>();
        hitsPart.put("total", Map.of("value", hits.size(), "relation", "eq"));
        hitsPart.put("max_score", sort == null && !hits.isEmpty() ? 1.0 : null);
        hitsPart.put("hits", page);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("took", 2);
        out.put("timed_out", false);
        out.put("_shards", shards);
        out.put("hits", hitsPart);
        return Response.json(out);
    }

    private static List<Object> sortValues(Object sort, Doc doc) {
        List<Object> values = new ArrayList<>();
        for (Object key : sort instanceof List<?> l ? l : List.of(sort)) {
            String field = key instanceof Map<?, ?> m && !m.isEmpty() ? String.valueOf(m.keySet().iterator().next())
                    : String.valueOf(key);
            values.add(ElasticsearchQueries.first(doc.source(), field));
        }
        return values;
    }

    private static int number(Object body, String query, int fallback) {
        if (body instanceof Number n) {
            return n.intValue();
        }
        return query != null && query.matches("\\d+") ? Integer.parseInt(query) : fallback;
    }

    private Response byQuery(Request r, String expression, boolean delete) {
        String[] missing = new String[1];
        List<SimIndex> targets = resolve(expression, false, missing);
        if (missing[0] != null) {
            return indexNotFound(missing[0]);
        }
        List<Doc> hits = find(targets, body(r).get("query"));
        for (Doc doc : hits) {
            SimIndex idx = indices.get(doc.index());
            if (delete) {
                idx.docs.remove(doc.id());
            }
            idx.versions.merge(doc.id(), 1L, Long::sum);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("took", 3);
        out.put("timed_out", false);
        out.put("total", hits.size());
        out.put(delete ? "deleted" : "updated", hits.size());
        out.put("batches", hits.isEmpty() ? 0 : 1);
        out.put("version_conflicts", 0);
        out.put("noops", 0);
        out.put("retries", Map.of("bulk", 0, "search", 0));
        out.put("throttled_millis", 0);
        out.put("requests_per_second", -1.0);
        out.put("throttled_until_millis", 0);
        out.put("failures", List.of());
        return Response.json(out);
    }

    private Response eql(String expression) {
        String[] missing = new String[1];
        resolve(expression, false, missing);
        if (missing[0] != null) {
            return indexNotFound(missing[0]);
        }
        return Response.json(Map.of("is_partial", false, "is_running", false, "took", 4, "timed_out", false,
                "hits", Map.of("total", Map.of("value", 0, "relation", "eq"), "sequences", List.of())));
    }

    // ---- ES|QL ----

    private Response esql(Request r) {
        if (!isJson(r)) {
            return notJson(r);
        }
        Object query = body(r).get("query");
        if (!(query instanceof String text) || text.isBlank()) {
            return error(400, "x_content_parse_exception", "[1:2] [esql/query] failed to parse field [query]:"
                    + " Required [query]", null);
        }
        for (EsqlAnswer answer : esqlAnswers) {
            if (text.contains(answer.contains())) {
                esqlAnswers.remove(answer);
                return ElasticsearchEsql.result(answer.columns(), answer.values());
            }
        }
        return ElasticsearchEsql.answer(text, expression -> {
            String[] missing = new String[1];
            List<SimIndex> targets = resolve(expression, false, missing);
            if (missing[0] != null || targets.isEmpty()) {
                // unlike _search, ES|QL refuses a pattern that matches no index
                throw new ElasticsearchEsql.UnknownIndex(missing[0] != null ? missing[0] : expression);
            }
            return find(targets, null);
        });
    }

    // ---- bulk ----

    private Response bulk(Request r, String pathIndex) {
        String type = r.header("content-type");
        if (type == null || !(type.startsWith("application/x-ndjson") || type.startsWith("application/json"))) {
            return notJson(r);
        }
        String text = r.body() == null ? "" : r.body();
        if (text.isBlank()) {
            return error(400, "action_request_validation_exception", "Validation Failed: 1: no requests added;", null);
        }
        if (!text.endsWith("\n")) {
            return error(400, "illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]",
                    null);
        }
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        List<Map<String, Object>> items = new ArrayList<>();
        boolean errors = false;
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> action;
            try {
                action = mapOr(Json.parse(lines.get(i)));
            } catch (IllegalArgumentException e) {
                return error(400, "x_content_parse_exception", "[1:1] Malformed action/metadata line [" + (i + 1)
                        + "]", null);
            }
            if (action.size() != 1) {
                return error(400, "illegal_argument_exception", "Malformed action/metadata line [" + (i + 1)
                        + "], expected a simple value for field [" + action.keySet() + "]", null);
            }
            String op = action.keySet().iterator().next();
            if (!List.of("index", "create", "update", "delete").contains(op)) {
                return error(400, "illegal_argument_exception", "Malformed action/metadata line [" + (i + 1)
                        + "], expected one of [create, delete, index, update] but found [" + op + "]", null);
            }
            Map<String, Object> meta = mapOr(action.get(op));
            String index = meta.get("_index") != null ? String.valueOf(meta.get("_index")) : pathIndex;
            if (index == null) {
                return error(400, "action_request_validation_exception", "Validation Failed: 1: index is missing;",
                        null);
            }
            String id = meta.get("_id") == null ? null : String.valueOf(meta.get("_id"));
            Map<String, Object> source = null;
            if (!op.equals("delete")) {
                if (i + 1 >= lines.size()) {
                    return error(400, "illegal_argument_exception", "The bulk request must be terminated by a"
                            + " newline [\\n]", null);
                }
                source = mapOr(Json.parse(lines.get(++i)));
            }
            Map<String, Object> item = bulkItem(op, index, id, source);
            errors |= item.containsKey("error");
            items.add(Map.of(op, item));
        }
        return Response.json(Map.of("errors", errors, "took", 7, "items", items));
    }

    private Map<String, Object> bulkItem(String op, String index, String id, Map<String, Object> source) {
        SimIndex idx = indices.computeIfAbsent(index, SimIndex::new);
        String docId = id == null ? newId() : id;
        Map<String, Object> item;
        int status;
        switch (op) {
            case "delete" -> {
                boolean found = idx.docs.remove(docId) != null;
                item = writeResult(idx, docId, found ? "deleted" : "not_found");
                status = found ? 200 : 404;
            }
            case "update" -> {
                Map<String, Object> current = idx.docs.get(docId);
                Object seed = Boolean.TRUE.equals(source.get("doc_as_upsert")) ? source.get("doc") : source.get("upsert");
                if (current == null && seed == null) {
                    return itemError(idx, docId, 404, "document_missing_exception", "[" + docId + "]: document missing");
                }
                idx.docs.put(docId, current == null ? mapOr(seed) : merge(current, mapOr(source.get("doc"))));
                idx.versions.merge(docId, 1L, Long::sum);
                item = writeResult(idx, docId, current == null ? "created" : "updated");
                status = current == null ? 201 : 200;
            }
            default -> {
                boolean existed = idx.docs.containsKey(docId);
                if (op.equals("create") && existed) {
                    return itemError(idx, docId, 409, "version_conflict_engine_exception", "[" + docId
                            + "]: version conflict, document already exists (current version ["
                            + idx.versions.get(docId) + "])");
                }
                idx.docs.put(docId, source);
                idx.versions.merge(docId, 1L, Long::sum);
                item = writeResult(idx, docId, existed ? "updated" : "created");
                status = existed ? 200 : 201;
            }
        }
        item.put("status", status);
        return item;
    }

    private static Map<String, Object> itemError(SimIndex idx, String id, int status, String type, String reason) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("_index", idx.name);
        item.put("_id", id);
        item.put("status", status);
        item.put("error", Map.of("type", type, "reason", reason, "index_uuid", idx.uuid, "shard", "0",
                "index", idx.name));
        return item;
    }

    // ---- ingest ----

    /** The attachment processor's result for base64 text: {@code attachment.content}, type and length. */
    private Response simulatePipeline(Request r) {
        Map<String, Object> body = body(r);
        String field = null;
        boolean removeBinary = false;
        for (Object processor : body.get("pipeline") instanceof Map<?, ?> p && p.get("processors") instanceof List<?> l
                ? l : List.of()) {
            if (processor instanceof Map<?, ?> m && m.get("attachment") instanceof Map<?, ?> a) {
                field = String.valueOf(a.get("field"));
                removeBinary = Boolean.TRUE.equals(a.get("remove_binary"));
            }
        }
        List<Object> out = new ArrayList<>();
        for (Object d : body.get("docs") instanceof List<?> l ? l : List.of()) {
            Map<String, Object> doc = mapOr(d);
            Map<String, Object> source = mapOr(doc.get("_source"));
            if (field != null && source.get(field) instanceof String data) {
                String content;
                try {
                    content = new String(Base64.getDecoder().decode(data.strip()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException notBase64) {
                    return error(400, "illegal_argument_exception", "Illegal base64 character", null);
                }
                source.put("attachment", Map.of("content", content, "content_type", "text/plain; charset=UTF-8",
                        "content_length", content.length()));
                if (removeBinary) {
                    source.remove(field);
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("_index", doc.getOrDefault("_index", "_index"));
            result.put("_id", doc.getOrDefault("_id", "_id"));
            result.put("_version", "-3");
            result.put("_source", source);
            result.put("_ingest", Map.of("timestamp", "2026-01-01T00:00:00.000Z"));
            out.add(Map.of("doc", result));
        }
        return Response.json(Map.of("docs", out));
    }
}
