package dev.vigil.connectors.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.connectors.elastic.ApiRequest.Body;
import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request builder as a pure function: API name + {@code with} → method, path, query, headers, body. */
class ElasticsearchRequestsTest {

    static ApiRequest build(String api, Object... keyValues) throws StepFailure {
        return ElasticsearchRequests.build(api, with(keyValues));
    }

    static Map<String, Object> with(Object... keyValues) {
        Map<String, Object> with = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            with.put((String) keyValues[i], keyValues[i + 1]);
        }
        return with;
    }

    static Object json(ApiRequest request) {
        assertThat(request.body()).isInstanceOf(Body.JsonValue.class);
        return ((Body.JsonValue) request.body()).value();
    }

    static String failure(String api, Object... keyValues) {
        try {
            ApiRequest request = build(api, keyValues);
            throw new AssertionError("expected elasticsearch." + api + " to be refused, got " + request);
        } catch (StepFailure e) {
            assertThat(e.type()).isEqualTo("ConnectorExecutionError");
            return e.getMessage();
        }
    }

    @Test
    void searchPutsBodyParamsInTheBodyAndUrlParamsInTheQueryAndIsAPostWhenThereIsABody() throws StepFailure {
        // the corpus's index-commits.yaml: size and sort are both URL and body parameters; the body wins
        ApiRequest r = build("search", "index", "commits", "size", 1L,
                "sort", List.of(Map.of("commit.author.date", Map.of("order", "desc"))),
                "ignore_unavailable", true, "track_total_hits", true);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/commits/_search");
        assertThat(r.query()).containsExactly(Map.entry("ignore_unavailable", "true"));
        assertThat(json(r)).isEqualTo(Map.of("size", 1L, "track_total_hits", true,
                "sort", List.of(Map.of("commit.author.date", Map.of("order", "desc")))));
    }

    @Test
    void searchWithoutIndexOrBodyIsAGetOnTheClusterWideEndpoint() throws StepFailure {
        ApiRequest r = build("search", "q", "user.name:alice", "routing", List.of("a", "b"));
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/_search");
        assertThat(r.query()).containsEntry("q", "user.name:alice").containsEntry("routing", "a,b");
        assertThat(r.body()).isEqualTo(ApiRequest.NO_BODY);
    }

    @Test
    void pathParamsAreUrlEncodedAndListsJoinedByCommas() throws StepFailure {
        assertThat(build("search", "index", List.of("logs-*", "alerts-*"), "query", Map.of()).path())
                .isEqualTo("/logs-*%2Calerts-*/_search");
        assertThat(build("get", "index", "my index", "id", "a/b c?d").path()).isEqualTo("/my%20index/_doc/a%2Fb%20c%3Fd");
        assertThat(build("get", "index", "idx", "id", 42L).path()).isEqualTo("/idx/_doc/42");
    }

    @Test
    void withBodyIsMergedAndNamedKeysWinOverIt() throws StepFailure {
        ApiRequest r = build("search", "index", "i", "body", Map.of("size", 5L, "query", Map.of("match_all", Map.of())),
                "size", 10L, "my_extension", "x");
        assertThat(json(r)).isEqualTo(Map.of("size", 10L, "query", Map.of("match_all", Map.of()), "my_extension", "x"));
    }

    @Test
    void methodOverridesTheDefault() throws StepFailure {
        ApiRequest r = build("search", "index", "i", "method", "get", "query", Map.of("match_all", Map.of()));
        assertThat(r.method()).isEqualTo("GET");
        assertThat(json(r)).isEqualTo(Map.of("query", Map.of("match_all", Map.of())));
        assertThat(failure("search", "method", "FETCH")).contains("with.method must be one of GET, POST");
    }

    @Test
    void nullValuesAreLeftOut() throws StepFailure {
        ApiRequest r = build("search", "index", "i", "size", null, "q", null);
        assertThat(r.query()).isEmpty();
        assertThat(r.body()).isEqualTo(ApiRequest.NO_BODY);
    }

    @Test
    void esqlQueryPostsTheQueryAndItsParamsWithFormatInTheQueryString() throws StepFailure {
        ApiRequest r = build("esql.query", "format", "json", "query", "FROM logs-* | WHERE host.id == ?1 | LIMIT 5",
                "params", List.of("h-1"), "drop_null_columns", true);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/_query");
        assertThat(r.query()).containsExactly(Map.entry("format", "json"), Map.entry("drop_null_columns", "true"));
        assertThat(json(r)).isEqualTo(Map.of("query", "FROM logs-* | WHERE host.id == ?1 | LIMIT 5",
                "params", List.of("h-1")));
    }

    @Test
    void indexSendsTheDocumentAsTheBodyWithPutForAnIdAndPostWithout() throws StepFailure {
        ApiRequest withId = build("index", "index", "sar-reports", "id", "exec-1-0", "refresh", "wait_for",
                "document", Map.of("report", "r"));
        assertThat(withId.method()).isEqualTo("PUT");
        assertThat(withId.path()).isEqualTo("/sar-reports/_doc/exec-1-0");
        assertThat(withId.query()).containsExactly(Map.entry("refresh", "wait_for"));
        assertThat(json(withId)).isEqualTo(Map.of("report", "r"));

        ApiRequest noId = build("index", "index", "results", "document", Map.of("a", 1L));
        assertThat(noId.method()).isEqualTo("POST");
        assertThat(noId.path()).isEqualTo("/results/_doc");

        // without document, the other keys are the document (Kibana's fallback)
        assertThat(json(build("index", "index", "results", "body", Map.of("b", 2L)))).isEqualTo(Map.of("b", 2L));
        assertThat(failure("index", "index", "results")).contains("with.document is required");
        assertThat(failure("index", "index", "results", "document", "text")).contains("with.document must be an object");
    }

    @Test
    void createIsAPutOnTheCreateEndpoint() throws StepFailure {
        ApiRequest r = build("create", "index", "i", "id", "1", "document", Map.of("a", 1L));
        assertThat(r.method()).isEqualTo("PUT");
        assertThat(r.path()).isEqualTo("/i/_create/1");
        assertThat(json(r)).isEqualTo(Map.of("a", 1L));
    }

    @Test
    void updateSendsDocAndUpsertFlagsInTheBody() throws StepFailure {
        // the corpus's geoipfromdiscover.yaml
        ApiRequest r = build("update", "index", ".ds-logs-1", "id", "doc-1", "doc_as_upsert", true,
                "doc", Map.of("attributes", Map.of("geoIP", "x")), "retry_on_conflict", 3L);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/.ds-logs-1/_update/doc-1");
        assertThat(r.query()).containsExactly(Map.entry("retry_on_conflict", "3"));
        assertThat(json(r)).isEqualTo(Map.of("doc_as_upsert", true, "doc", Map.of("attributes", Map.of("geoIP", "x"))));

        ApiRequest script = build("update", "index", "i", "id", "1",
                "script", Map.of("source", "ctx._source.n += params.k", "params", Map.of("k", 1L)),
                "upsert", Map.of("n", 0L));
        assertThat(json(script)).isEqualTo(Map.of("script", Map.of("source", "ctx._source.n += params.k",
                "params", Map.of("k", 1L)), "upsert", Map.of("n", 0L)));
    }

    @Test
    void getDeleteAndExistsAddressOneDocument() throws StepFailure {
        ApiRequest get = build("get", "index", "i", "id", "1", "_source_includes", List.of("a", "b"));
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.path()).isEqualTo("/i/_doc/1");
        assertThat(get.query()).containsExactly(Map.entry("_source_includes", "a,b"));

        ApiRequest delete = build("delete", "index", "i", "id", "1", "refresh", true);
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.path()).isEqualTo("/i/_doc/1");
        assertThat(delete.query()).containsExactly(Map.entry("refresh", "true"));

        assertThat(build("exists", "index", "i", "id", "1").method()).isEqualTo("HEAD");
    }

    @Test
    void anApiWithoutABodyTakesUnknownKeysInTheQueryString() throws StepFailure {
        ApiRequest r = build("get", "index", "i", "id", "1", "future_flag", "on");
        assertThat(r.query()).containsEntry("future_flag", "on");
        assertThat(r.body()).isEqualTo(ApiRequest.NO_BODY);
    }

    @Test
    void bulkTurnsPlainDocumentsIntoIndexActionsAsNdjson() throws StepFailure {
        // the corpus's national-parks-demo.yaml
        ApiRequest r = build("bulk", "index", "parks", "refresh", "wait_for", "operations",
                List.of(Map.of("name", "Yellowstone"), Map.of("name", "Grand Canyon")));
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/parks/_bulk");
        assertThat(r.query()).containsExactly(Map.entry("refresh", "wait_for"));
        assertThat(r.body()).isInstanceOf(Body.Ndjson.class);
        assertThat(((Body.Ndjson) r.body()).text()).isEqualTo("""
                {"index":{}}
                {"name":"Yellowstone"}
                {"index":{}}
                {"name":"Grand Canyon"}
                """);
    }

    @Test
    void bulkSendsActionLinesAsWritten() throws StepFailure {
        ApiRequest r = build("bulk", "operations", List.of(
                Map.of("index", with("_index", "a", "_id", "1")), Map.of("f", 1L),
                Map.of("update", with("_index", "a", "_id", "2")), Map.of("doc", Map.of("f", 2L)),
                Map.of("delete", with("_index", "a", "_id", "3"))));
        assertThat(r.path()).isEqualTo("/_bulk");
        assertThat(((Body.Ndjson) r.body()).text()).isEqualTo("""
                {"index":{"_index":"a","_id":"1"}}
                {"f":1}
                {"update":{"_index":"a","_id":"2"}}
                {"doc":{"f":2}}
                {"delete":{"_index":"a","_id":"3"}}
                """);
    }

    @Test
    void bulkRefusesWhatItCannotSend() {
        assertThat(failure("bulk", "index", "i")).contains("with.operations is required");
        assertThat(failure("bulk", "operations", List.of(Map.of("name", "x")))).contains("with.index is required");
        assertThat(failure("bulk", "index", "i", "operations", List.of(Map.of("a", 1L)), "pipelin", "p"))
                .contains("with.pipelin is not a parameter of the bulk API");
        assertThat(failure("bulk", "index", "i", "operations", List.of(1L))).contains("operations[0] must be an object");
    }

    @Test
    void indexManagementApis() throws StepFailure {
        ApiRequest create = build("indices.create", "index", "parks", "mappings",
                Map.of("properties", Map.of("name", Map.of("type", "text"))), "settings", Map.of("number_of_shards", 1L),
                "wait_for_active_shards", "1");
        assertThat(create.method()).isEqualTo("PUT");
        assertThat(create.path()).isEqualTo("/parks");
        assertThat(create.query()).containsExactly(Map.entry("wait_for_active_shards", "1"));
        assertThat(json(create)).isEqualTo(Map.of("mappings", Map.of("properties", Map.of("name", Map.of("type", "text"))),
                "settings", Map.of("number_of_shards", 1L)));

        ApiRequest delete = build("indices.delete", "index", "parks", "ignore_unavailable", true);
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.path()).isEqualTo("/parks");
        assertThat(delete.query()).containsExactly(Map.entry("ignore_unavailable", "true"));

        ApiRequest exists = build("indices.exists", "index", "parks");
        assertThat(exists.method()).isEqualTo("HEAD");
        assertThat(exists.isHead()).isTrue();
        assertThat(exists.path()).isEqualTo("/parks");
        assertThat(exists.body()).isEqualTo(ApiRequest.NO_BODY);

        assertThat(build("indices.get_mapping", "index", "parks").path()).isEqualTo("/parks/_mapping");
        assertThat(build("indices.get_mapping").path()).isEqualTo("/_mapping");
        assertThat(build("indices.get", "index", "parks").method()).isEqualTo("GET");
        ApiRequest mapping = build("indices.put_mapping", "index", "parks", "properties", Map.of("x", Map.of()));
        assertThat(mapping.method()).isEqualTo("PUT");
        assertThat(mapping.path()).isEqualTo("/parks/_mapping");
        ApiRequest refresh = build("indices.refresh", "index", "parks");
        assertThat(refresh.method()).isEqualTo("POST");
        assertThat(refresh.path()).isEqualTo("/parks/_refresh");
    }

    @Test
    void byQueryCountHealthAndOtherReadApis() throws StepFailure {
        ApiRequest dbq = build("delete_by_query", "index", "i", "conflicts", "proceed",
                "query", Map.of("term", Map.of("user", "x")));
        assertThat(dbq.method()).isEqualTo("POST");
        assertThat(dbq.path()).isEqualTo("/i/_delete_by_query");
        assertThat(dbq.query()).containsExactly(Map.entry("conflicts", "proceed"));
        assertThat(json(dbq)).isEqualTo(Map.of("query", Map.of("term", Map.of("user", "x"))));

        ApiRequest ubq = build("update_by_query", "index", "i", "script", Map.of("source", "s"), "refresh", true);
        assertThat(ubq.path()).isEqualTo("/i/_update_by_query");
        assertThat(json(ubq)).isEqualTo(Map.of("script", Map.of("source", "s")));

        ApiRequest count = build("count", "index", "i", "query", Map.of("match_all", Map.of()));
        assertThat(count.method()).isEqualTo("POST");
        assertThat(count.path()).isEqualTo("/i/_count");

        ApiRequest health = build("cluster.health", "wait_for_status", "yellow", "timeout", "5s");
        assertThat(health.method()).isEqualTo("GET");
        assertThat(health.path()).isEqualTo("/_cluster/health");
        assertThat(health.query()).containsExactly(Map.entry("wait_for_status", "yellow"), Map.entry("timeout", "5s"));
        assertThat(build("cluster.health", "index", "i").path()).isEqualTo("/_cluster/health/i");

        ApiRequest mget = build("mget", "index", "i", "ids", List.of("1", "2"));
        assertThat(mget.method()).isEqualTo("POST");
        assertThat(json(mget)).isEqualTo(Map.of("ids", List.of("1", "2")));

        ApiRequest eql = build("eql.search", "index", "fraud", "query", "any where true", "size", 10L);
        assertThat(eql.path()).isEqualTo("/fraud/_eql/search");
        assertThat(eql.method()).isEqualTo("POST");

        ApiRequest sql = build("sql.query", "format", "json", "query", "SELECT 1");
        assertThat(sql.path()).isEqualTo("/_sql");
        assertThat(sql.query()).containsExactly(Map.entry("format", "json"));

        ApiRequest info = build("info");
        assertThat(info.method()).isEqualTo("GET");
        assertThat(info.path()).isEqualTo("/");
    }

    @Test
    void missingOrEmptyPathParamsAreNamed() {
        assertThat(failure("get", "index", "i")).contains("with.id is required (it is part of the path {index}/_doc/{id})");
        assertThat(failure("indices.create", "index", "  ")).contains("with.index is empty");
        assertThat(failure("update", "id", "1")).contains("with.index is required");
    }

    @Test
    void anUnknownApiPointsToTheGenericRequest() {
        assertThat(failure("snapshot.create_repository", "repository", "r"))
                .contains("elasticsearch.snapshot.create_repository: Vigil does not know this Elasticsearch API")
                .contains("use elasticsearch.request").contains("esql.query");
    }

    @Test
    void genericRequestSendsWhatItIsGiven() throws StepFailure {
        // the corpus's index-commits.yaml: PUT a document by path
        ApiRequest put = build("request", "method", "put", "path", "commits/_doc/abc 1",
                "body", Map.of("sha", "abc"), "query", Map.of("refresh", true, "routing", List.of("a", "b")),
                "headers", Map.of("X-Opaque-Id", "wf-1"));
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/commits/_doc/abc%201");
        assertThat(put.query()).containsOnly(Map.entry("refresh", "true"), Map.entry("routing", "a,b"));
        assertThat(put.headers()).containsExactly(Map.entry("X-Opaque-Id", "wf-1"));
        assertThat(json(put)).isEqualTo(Map.of("sha", "abc"));

        ApiRequest get = build("request", "path", "/_cluster/health?level=indices");
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.path()).isEqualTo("/_cluster/health?level=indices");
        assertThat(get.body()).isEqualTo(ApiRequest.NO_BODY);

        assertThat(build("request", "method", "HEAD", "path", "/parks").isHead()).isTrue();
        assertThat(failure("request", "method", "GET")).contains("with.path is required");
        assertThat(failure("request", "method", "TRACE", "path", "/")).contains("with.method must be one of");
    }

    @Test
    void aTextBodyIsSentAsWrittenAndAsNdjsonForBulkPaths() throws StepFailure {
        ApiRequest bulk = build("request", "method", "POST", "path", "/_bulk",
                "body", "{\"index\":{\"_index\":\"a\"}}\n{\"f\":1}");
        assertThat(bulk.body()).isEqualTo(new Body.Text("{\"index\":{\"_index\":\"a\"}}\n{\"f\":1}\n",
                "application/x-ndjson"));
        ApiRequest json = build("request", "method", "POST", "path", "/i/_search", "body", "{\"size\":0}");
        assertThat(json.body()).isEqualTo(new Body.Text("{\"size\":0}", "application/json"));
    }

    @Test
    void theOlderRequestFormWorksForAnyStepType() throws StepFailure {
        ApiRequest r = build("search", "request", Map.of("method", "POST", "path", "/i/_search",
                "body", Map.of("size", 0L)));
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/i/_search");
        assertThat(json(r)).isEqualTo(Map.of("size", 0L));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefusedForNamedApis() {
        assertThat(failure("search", "index", "i", "body", List.of(1L))).contains("with.body must be an object");
    }

    @Test
    void rawPathsKeepEscapesAndEncodeWhatAUrlCannotCarry() {
        assertThat(UrlText.rawPath("/a b/%41/100%/é")).isEqualTo("/a%20b/%41/100%25/%C3%A9");
        assertThat(UrlText.rawPath("_search?q=a:b&size=1")).isEqualTo("/_search?q=a:b&size=1");
        assertThat(UrlText.rawPath("/x#frag\"")).isEqualTo("/x%23frag%22");
    }
}
