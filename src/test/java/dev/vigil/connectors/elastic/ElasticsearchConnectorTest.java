package dev.vigil.connectors.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.model.Json;
import dev.vigil.sims.ElasticsearchSim;
import dev.vigil.sims.Simulator;
import dev.vigil.steps.StepFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each Elasticsearch API step against {@link ElasticsearchSim} over real HTTP: what was sent, what came back. */
class ElasticsearchConnectorTest {

    final ElasticsearchSim sim = new ElasticsearchSim();
    final ConnectorKit es = kit(Map.of(), Map.of("apiKey", ElasticsearchSim.API_KEY));

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(Map<String, Object> config, Map<String, String> secrets) {
        Map<String, Object> all = new LinkedHashMap<>(config);
        all.put("baseUrl", sim.url() + "/");
        return new ConnectorKit(new ElasticsearchConnector(), all, secrets);
    }

    static Map<String, Object> with(Object... keyValues) {
        return ElasticsearchRequestsTest.with(keyValues);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    void seedParks() {
        sim.seed("parks", "1", Map.of("name", "Yellowstone", "category", "geothermal", "established", 1872L));
        sim.seed("parks", "2", Map.of("name", "Grand Canyon", "category", "canyon", "established", 1919L));
        sim.seed("parks", "3", Map.of("name", "Bryce Canyon", "category", "canyon", "established", 1928L));
    }

    @Test
    void searchSendsTheQueryWithTheApiKeyAndReturnsTheHits() throws StepFailure {
        seedParks();
        Object output = es.run("search", with("index", "parks", "size", 5L,
                "query", Map.of("term", Map.of("category", "canyon")),
                "sort", List.of(Map.of("established", Map.of("order", "desc")))));

        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/parks/_search");
        assertThat(sent.header("authorization")).isEqualTo("ApiKey " + ElasticsearchSim.API_KEY);
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.header("accept")).isEqualTo("application/json");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("size", 5L, "query", Map.of("term", Map.of("category", "canyon")),
                "sort", List.of(Map.of("established", Map.of("order", "desc")))));

        Map<String, Object> hits = map(map(output).get("hits"));
        assertThat(hits.get("total")).isEqualTo(Map.of("value", 2L, "relation", "eq"));
        assertThat(hits.get("hits")).asInstanceOf(LIST).extracting(h -> map(h).get("_id")).containsExactly("3", "2");
    }

    @Test
    void everyCredentialFormIsSentAsElasticsearchWantsIt() throws StepFailure {
        kit(Map.of(), Map.of("apiKey", ElasticsearchSim.API_KEY_ID + ":" + ElasticsearchSim.API_KEY_SECRET))
                .run("info", Map.of());
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("ApiKey " + ElasticsearchSim.API_KEY);

        kit(Map.of(), Map.of("token", ElasticsearchSim.SERVICE_TOKEN)).run("info", Map.of());
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("Bearer " + ElasticsearchSim.SERVICE_TOKEN);

        kit(Map.of("username", ElasticsearchSim.USER), Map.of("password", ElasticsearchSim.PASSWORD))
                .run("info", Map.of());
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((ElasticsearchSim.USER + ":" + ElasticsearchSim.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wrongCredentialsFailWithElasticsearchsReasonAndStatus() {
        StepFailure failure = kit(Map.of(), Map.of("apiKey", "bm90LWEta2V5")).fail("search", with("index", "parks"));
        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).contains("HTTP 401").contains("security_exception: unable to authenticate");
        assertThat(failure.toValue()).containsEntry("status", 401L).containsEntry("statusCode", 401L);
        assertThat(failure.getMessage()).doesNotContain("bm90LWEta2V5");
    }

    @Test
    void esqlQueryReturnsColumnsAndValues() throws StepFailure {
        sim.answerEsql("stats history_count", List.of(Map.of("name", "history_count", "type", "long")),
                List.of(List.of(3L)));
        Object output = es.run("esql.query", with("format", "json",
                "query", "FROM logs-* | WHERE file.hash.sha256 == \"abc\" | stats history_count = count() | LIMIT 100"));
        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/_query");
        assertThat(sent.query()).containsEntry("format", "json");
        assertThat(sent.jsonObject()).containsOnlyKeys("query");
        assertThat(map(output)).containsEntry("columns", List.of(Map.of("name", "history_count", "type", "long")))
                .containsEntry("values", List.of(List.of(3L))).containsEntry("is_partial", false);
    }

    @Test
    void esqlQueryWithPositionalParamsReadsTheIndex() throws StepFailure {
        seedParks();
        Object output = es.run("esql.query", with("query", "FROM parks | WHERE category == ?1 | KEEP name, category"
                + " | LIMIT 2", "params", List.of("canyon")));
        assertThat(sim.lastRequest().jsonObject()).containsEntry("params", List.of("canyon"));
        assertThat(map(output).get("columns")).isEqualTo(List.of(Map.of("name", "name", "type", "keyword"),
                Map.of("name", "category", "type", "keyword")));
        assertThat(map(output).get("values")).asInstanceOf(LIST).hasSize(2);

        Object row = es.run("esql.query", with("query", "ROW name = \"alice\", amount = 250 | STATS SUM(amount) BY name"));
        assertThat(map(row).get("columns")).isEqualTo(List.of(Map.of("name", "name", "type", "keyword"),
                Map.of("name", "amount", "type", "long")));
        assertThat(map(row).get("values")).isEqualTo(List.of(List.of("alice", 250L)));

        StepFailure failure = es.fail("esql.query", with("query", "FROM nope | LIMIT 1"));
        assertThat(failure.getMessage()).contains("HTTP 400").contains("verification_exception")
                .contains("Unknown index [nope]");
    }

    @Test
    void indexGetUpdateAndDeleteOneDocument() throws StepFailure {
        Object created = es.run("index", with("index", "sar-reports", "id", "exec 1/0", "refresh", "wait_for",
                "document", Map.of("report", "r1", "amount", 12000L)));
        Simulator.Request put = sim.lastRequest();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/sar-reports/_doc/exec 1/0");      // sent encoded, decoded by the server
        assertThat(put.query()).containsEntry("refresh", "wait_for");
        assertThat(put.jsonObject()).isEqualTo(Map.of("report", "r1", "amount", 12000L));
        assertThat(map(created)).containsEntry("result", "created").containsEntry("_id", "exec 1/0");

        Object auto = es.run("index", with("index", "sar-reports", "document", Map.of("report", "r2")));
        assertThat(sim.lastRequest().method()).isEqualTo("POST");
        assertThat(sim.lastRequest().path()).isEqualTo("/sar-reports/_doc");
        assertThat(map(auto).get("_id")).asString().isNotBlank();

        Object updated = es.run("update", with("index", "sar-reports", "id", "exec 1/0",
                "doc", Map.of("attributes", Map.of("geoIP", "NL"))));
        assertThat(sim.lastRequest().path()).isEqualTo("/sar-reports/_update/exec 1/0");
        assertThat(map(updated)).containsEntry("result", "updated").containsEntry("_version", 2L);
        assertThat(sim.document("sar-reports", "exec 1/0")).containsEntry("report", "r1")
                .containsEntry("attributes", Map.of("geoIP", "NL"));

        Object got = es.run("get", with("index", "sar-reports", "id", "exec 1/0"));
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(map(got)).containsEntry("found", true);
        assertThat(map(map(got).get("_source"))).containsEntry("report", "r1");

        Object deleted = es.run("delete", with("index", "sar-reports", "id", "exec 1/0"));
        assertThat(sim.lastRequest().method()).isEqualTo("DELETE");
        assertThat(map(deleted)).containsEntry("result", "deleted");
        assertThat(sim.document("sar-reports", "exec 1/0")).isNull();
    }

    @Test
    void updateWithDocAsUpsertCreatesAndAMissingDocumentFailsWithoutIt() throws StepFailure {
        Object upserted = es.run("update", with("index", "logs-1", "id", "d1", "doc_as_upsert", true,
                "doc", Map.of("attributes", Map.of("rootCause", "oom"))));
        assertThat(map(upserted)).containsEntry("result", "created");
        assertThat(sim.document("logs-1", "d1")).containsEntry("attributes", Map.of("rootCause", "oom"));

        StepFailure missing = es.fail("update", with("index", "logs-1", "id", "d2", "doc", Map.of("a", 1L)));
        assertThat(missing.getMessage()).contains("HTTP 404").contains("document_missing_exception: [d2]: document missing");
        assertThat(missing.details()).containsKey("data");
    }

    @Test
    void bulkSendsNdjsonAndReturnsTheItems() throws StepFailure {
        Object output = es.run("bulk", with("index", "parks", "operations", List.of(
                Map.of("name", "Yellowstone", "category", "geothermal"), Map.of("name", "Zion", "category", "canyon"))));
        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/parks/_bulk");
        assertThat(sent.header("content-type")).isEqualTo("application/x-ndjson");
        assertThat(sent.body()).isEqualTo("{\"index\":{}}\n" + Json.write(Map.of("name", "Yellowstone",
                "category", "geothermal")) + "\n{\"index\":{}}\n" + Json.write(Map.of("name", "Zion",
                "category", "canyon")) + "\n");
        assertThat(map(output)).containsEntry("errors", false);
        assertThat(map(output).get("items")).asInstanceOf(LIST).hasSize(2);
        assertThat(sim.count("parks")).isEqualTo(2);
    }

    @Test
    void bulkItemFailuresAreReportedNotThrown() throws StepFailure {
        sim.seed("parks", "1", Map.of("name", "Yellowstone"));
        Object output = es.run("bulk", with("operations", List.of(
                Map.of("create", Map.of("_index", "parks", "_id", "1")), Map.of("name", "again"),
                Map.of("index", Map.of("_index", "parks", "_id", "2")), Map.of("name", "Zion"))));
        assertThat(map(output)).containsEntry("errors", true);
        List<?> items = (List<?>) map(output).get("items");
        assertThat(map(map(items.getFirst()).get("create"))).containsEntry("status", 409L);
        assertThat(es.logs()).anyMatch(line -> line.startsWith("warn") && line.contains("1 of 2 bulk items failed"));
    }

    @Test
    void indicesExistsIsTrueOrFalseAndCreateAndDeleteManageTheIndex() throws StepFailure {
        assertThat(es.run("indices.exists", with("index", "parks"))).isEqualTo(false);
        assertThat(sim.lastRequest().method()).isEqualTo("HEAD");
        assertThat(sim.lastRequest().path()).isEqualTo("/parks");

        Object created = es.run("indices.create", with("index", "parks", "mappings",
                Map.of("properties", Map.of("name", Map.of("type", "text")))));
        assertThat(sim.lastRequest().method()).isEqualTo("PUT");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("mappings",
                Map.of("properties", Map.of("name", Map.of("type", "text")))));
        assertThat(map(created)).containsEntry("acknowledged", true).containsEntry("index", "parks");
        assertThat(es.run("indices.exists", with("index", "parks"))).isEqualTo(true);

        assertThat(es.run("indices.get_mapping", with("index", "parks"))).asInstanceOf(MAP)
                .containsEntry("parks", Map.of("mappings", Map.of("properties", Map.of("name", Map.of("type", "text")))));

        StepFailure again = es.fail("indices.create", with("index", "parks"));
        assertThat(again.getMessage()).contains("HTTP 400").contains("resource_already_exists_exception");

        assertThat(es.run("indices.delete", with("index", "parks"))).isEqualTo(Map.of("acknowledged", true));
        assertThat(sim.lastRequest().method()).isEqualTo("DELETE");
        assertThat(sim.exists("parks")).isFalse();
    }

    @Test
    void countHealthAndDeleteByQuery() throws StepFailure {
        seedParks();
        assertThat(es.run("count", with("index", "parks", "query", Map.of("term", Map.of("category", "canyon")))))
                .asInstanceOf(MAP).containsEntry("count", 2L);
        assertThat(es.run("cluster.health", with("wait_for_status", "yellow", "timeout", "5s"))).asInstanceOf(MAP)
                .containsEntry("status", "green");
        assertThat(sim.lastRequest().query()).containsEntry("wait_for_status", "yellow").containsEntry("timeout", "5s");
        assertThat(es.run("delete_by_query", with("index", "parks", "conflicts", "proceed",
                "query", Map.of("match", Map.of("name", "canyon"))))).asInstanceOf(MAP).containsEntry("deleted", 2L);
        assertThat(sim.lastRequest().query()).containsEntry("conflicts", "proceed");
        assertThat(sim.count("parks")).isEqualTo(1);
    }

    @Test
    void genericRequestSendsMethodPathBodyQueryAndHeaders() throws StepFailure {
        Object put = es.run("request", with("method", "PUT", "path", "/commits/_doc/abc123",
                "body", Map.of("sha", "abc123"), "query", Map.of("refresh", "true"),
                "headers", Map.of("X-Opaque-Id", "workflow-7")));
        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("PUT");
        assertThat(sent.path()).isEqualTo("/commits/_doc/abc123");
        assertThat(sent.query()).containsEntry("refresh", "true");
        assertThat(sent.header("x-opaque-id")).isEqualTo("workflow-7");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("sha", "abc123"));
        assertThat(map(put)).containsEntry("result", "created");

        Object search = es.run("request", with("method", "GET", "path", "/commits/_search",
                "body", Map.of("query", Map.of("match_phrase", Map.of("sha", "abc")), "size", 50L)));
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(map(map(search).get("hits")).get("hits")).asInstanceOf(LIST).hasSize(1);

        assertThat(es.run("request", with("method", "HEAD", "path", "/commits"))).isEqualTo(true);
    }

    @Test
    void theIngestSimulateStepOfTheCorpusExtractsAttachmentText() throws StepFailure {
        String data = Base64.getEncoder().encodeToString("quarterly report".getBytes(StandardCharsets.UTF_8));
        Object output = es.run("request", with("method", "POST", "path", "/_ingest/pipeline/_simulate",
                "body", Map.of("pipeline", Map.of("processors", List.of(Map.of("attachment", Map.of("field", "data",
                        "indexed_chars", -1L, "remove_binary", true)))),
                        "docs", List.of(Map.of("_id", "f1", "_source", Map.of("filename", "r.txt", "data", data))))));
        Map<String, Object> doc = map(map(((List<?>) map(output).get("docs")).getFirst()).get("doc"));
        assertThat(map(map(doc.get("_source")).get("attachment"))).containsEntry("content", "quarterly report");
        assertThat(map(doc.get("_source"))).doesNotContainKey("data");
    }

    @Test
    void aMissingIndexFailsWithElasticsearchsErrorInTheMessageAndDetails() {
        StepFailure failure = es.fail("search", with("index", "nope", "query", Map.of("match_all", Map.of())));
        assertThat(failure.getMessage()).isEqualTo("elasticsearch.search: HTTP 404 Not Found from POST "
                + sim.url() + "/nope/_search: index_not_found_exception: no such index [nope]");
        assertThat(failure.toValue()).containsEntry("statusCode", 404L);
        assertThat(map(map(failure.details().get("data")).get("error"))).containsEntry("type", "index_not_found_exception");
    }

    @Test
    void rateLimitsAreRetriedAfterRetryAfterAndATooLongWaitFailsAtOnce() throws StepFailure {
        seedParks();
        sim.rateLimitNext(1, 1);
        long start = System.nanoTime();
        es.run("count", with("index", "parks"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.requests()).hasSize(2);

        sim.clearRequests();
        sim.rateLimitNext(1, 120);
        StepFailure failure = es.remaining(Duration.ofSeconds(10)).fail("count", with("index", "parks"));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.details()).containsEntry("retryAfterSeconds", 120L);
        assertThat(failure.getMessage()).contains("es_rejected_execution_exception");
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void unknownApisAndMissingApiNamesFailBeforeAnyRequest() {
        assertThat(es.fail("snapshot.create", with("repository", "r")).getMessage())
                .contains("Vigil does not know this Elasticsearch API");
        assertThat(es.fail(null, Map.of()).getMessage()).contains("name the API in the step type");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void testConnectionReadsTheClusterInfo() throws StepFailure {
        assertThat(es.test()).isEqualTo("Elasticsearch " + ElasticsearchSim.VERSION + " cluster 'vigil-sim' answered at "
                + sim.url() + "/");
        assertThat(sim.lastRequest().path()).isEqualTo("/");
    }

    @Test
    void anyApiNameIsAStepAndTheTypeIsRegistered() {
        ElasticsearchConnector type = new ElasticsearchConnector();
        assertThat(type.acceptsSubAction("search")).isTrue();
        assertThat(type.acceptsSubAction("ml.get_jobs")).isTrue();
        assertThat(type.acceptsSubAction(" ")).isFalse();
        assertThat(type.subActions()).contains("request", "search", "esql.query", "bulk", "indices.exists");
        assertThat(ConnectorTypes.standard().find("elasticsearch")).get().isInstanceOf(ElasticsearchConnector.class);
    }
}
