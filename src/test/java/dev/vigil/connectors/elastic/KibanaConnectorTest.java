package dev.vigil.connectors.elastic;

import static dev.vigil.connectors.elastic.ElasticsearchConnectorTest.map;
import static dev.vigil.connectors.elastic.ElasticsearchConnectorTest.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.sims.KibanaSim;
import dev.vigil.sims.Simulator;
import dev.vigil.steps.StepFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Kibana and security.* steps against {@link KibanaSim} over real HTTP. */
class KibanaConnectorTest {

    final KibanaSim sim = new KibanaSim();
    final ConnectorKit soc = kit(Map.of("space", "soc"), Map.of("apiKey", KibanaSim.API_KEY));
    final ConnectorKit home = kit(Map.of(), Map.of("apiKey", KibanaSim.API_KEY));

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(Map<String, Object> config, Map<String, String> secrets) {
        Map<String, Object> all = new LinkedHashMap<>(config);
        all.put("baseUrl", sim.url());
        return new ConnectorKit(new KibanaConnector(), all, secrets);
    }

    @Test
    void theSimulatorRefusesWritesWithoutKbnXsrfLikeKibana() throws Exception {
        // so every passing POST below proves that Vigil sent kbn-xsrf
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sim.url() + "/api/detection_engine/signals/status"))
                .header("Authorization", "ApiKey " + KibanaSim.API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"open\",\"signal_ids\":[\"a\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Request must contain a kbn-xsrf header.");
    }

    @Test
    void setAlertsStatusPostsToTheConnectorsSpaceWithXsrfAndAuth() throws StepFailure {
        sim.seedAlert("soc", "a-1");
        sim.seedAlert("default", "a-1");
        Object output = soc.run("SetAlertsStatus", with("status", "closed", "reason", "false_positive",
                "signal_ids", List.of("a-1"), "fetcher", Map.of("skip_ssl_verification", true)));

        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/s/soc/api/detection_engine/signals/status");
        assertThat(sent.header("kbn-xsrf")).isEqualTo("true");
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.header("authorization")).isEqualTo("ApiKey " + KibanaSim.API_KEY);
        assertThat(sent.jsonObject()).isEqualTo(Map.of("status", "closed", "reason", "false_positive",
                "signal_ids", List.of("a-1")));

        assertThat(map(output)).containsEntry("updated", 1L).containsEntry("failures", List.of());
        assertThat(sim.alert("soc", "a-1").status()).isEqualTo("closed");
        assertThat(sim.alert("soc", "a-1").reason()).isEqualTo("false_positive");
        assertThat(sim.alert("default", "a-1").status()).isEqualTo("open");
    }

    @Test
    void setAlertTagsAddsAndRemovesTags() throws StepFailure {
        sim.seedAlert("default", "a-1");
        Object output = home.run("SetAlertTags", with("ids", List.of("a-1"),
                "tags", Map.of("tags_to_add", List.of("Triaged as True Positive by AI"), "tags_to_remove", List.of())));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/detection_engine/signals/tags");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("ids", List.of("a-1"),
                "tags", Map.of("tags_to_add", List.of("Triaged as True Positive by AI"), "tags_to_remove", List.of())));
        assertThat(map(output)).containsEntry("updated", 1L);
        assertThat(sim.alert("default", "a-1").tags()).containsExactly("Triaged as True Positive by AI");
    }

    @Test
    void securityStepsSetStatusTagsAndAssigneesAndSayWhatTheyDid() throws StepFailure {
        sim.seedAlert("soc", "a-1");
        sim.seedAlert("soc", "a-2");
        assertThat(soc.run("setAlertStatus", with("alert_ids", List.of("a-1", "a-2"), "status", "closed",
                "close_reason", "duplicate"))).isEqualTo(Map.of("success", true,
                "message", "Successfully updated status to closed for 2 alert(s)"));
        assertThat(sim.lastRequest().path()).isEqualTo("/s/soc/api/detection_engine/signals/status");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("signal_ids", List.of("a-1", "a-2"),
                "status", "closed", "reason", "duplicate"));
        assertThat(sim.alert("soc", "a-2").status()).isEqualTo("closed");

        assertThat(soc.run("setAlertTags", with("alert_ids", "a-1", "tags_to_add", List.of("escalated"))))
                .isEqualTo(Map.of("success", true, "message", "Successfully updated tags for 1 alert(s)"));
        assertThat(sim.alert("soc", "a-1").tags()).containsExactly("escalated");

        assertThat(soc.run("assignAlert", with("alert_ids", "a-1", "assignees_to_add", List.of("u_analyst_1"))))
                .isEqualTo(Map.of("success", true, "message", "Successfully updated assignees for 1 alert(s)"));
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("ids", List.of("a-1"),
                "assignees", Map.of("add", List.of("u_analyst_1"), "remove", List.of())));
        assertThat(sim.alert("soc", "a-1").assignees()).isEqualTo(Set.of("u_analyst_1"));
    }

    @Test
    void requestSendsMethodPathQueryAndTheWorkflowsHeaders() throws StepFailure {
        sim.seedRule("r-1", "Malware");
        sim.seedRule("r-2", "Phishing");
        Object found = soc.run("request", with("method", "GET", "path", "/api/detection_engine/rules/_find",
                "query", Map.of("per_page", "1"), "headers", Map.of("elastic-api-version", "2023-10-31")));
        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.path()).isEqualTo("/s/soc/api/detection_engine/rules/_find");
        assertThat(sent.query()).containsEntry("per_page", "1");
        assertThat(sent.header("elastic-api-version")).isEqualTo("2023-10-31");
        assertThat(sent.header("kbn-xsrf")).isEqualTo("true");
        assertThat(map(found)).containsEntry("total", 2L);
        assertThat(map(found).get("data")).asInstanceOf(LIST).hasSize(1);

        // a path that names its space keeps it
        home.run("request", with("path", "/s/other/api/detection_engine/rules", "query", Map.of("rule_id", "r-2")));
        assertThat(sim.lastRequest().path()).isEqualTo("/s/other/api/detection_engine/rules");
    }

    @Test
    void aNoContentAnswerIsAnEmptyObjectAndDebugShowsTheUrl() throws StepFailure {
        sim.seedConnector("c-9");
        Object output = home.run("request", with("method", "DELETE", "path", "/api/actions/connector/c-9",
                "debug", true, "use_server_info", false));
        assertThat(sim.lastRequest().method()).isEqualTo("DELETE");
        assertThat(sim.lastRequest().query()).isEmpty();
        assertThat(output).isEqualTo(Map.of("_debug", Map.of("fullUrl", sim.url() + "/api/actions/connector/c-9",
                "method", "DELETE")));
    }

    @Test
    void namedReadActionsPutTheirParamsInTheQueryString() throws StepFailure {
        sim.seedRule("r-1", "Malware");
        Object rule = home.run("ReadRule", with("rule_id", "r-1"));
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(sim.lastRequest().query()).containsEntry("rule_id", "r-1");
        assertThat(map(rule)).containsEntry("name", "Malware");
    }

    @Test
    void kibanaErrorsCarryTheMessageAndStatusWorkflowsRead() {
        StepFailure notFound = home.fail("ReadRule", with("rule_id", "nope"));
        assertThat(notFound.type()).isEqualTo("ConnectorExecutionError");
        assertThat(notFound.getMessage()).contains("HTTP 404").contains("rule_id: \"nope\" not found");
        assertThat(notFound.toValue()).containsEntry("status", 404L).containsEntry("statusCode", 404L);

        StepFailure invalid = home.fail("SetAlertsStatus", with("status", "bogus", "signal_ids", List.of("a")));
        assertThat(invalid.getMessage()).contains("HTTP 400").contains("Invalid enum value");

        StepFailure unauthorized = kit(Map.of(), Map.of("apiKey", "d3Jvbmc6a2V5")).fail("request",
                with("path", "/api/status"));
        assertThat(unauthorized.getMessage()).contains("HTTP 401").contains("unable to authenticate");
        assertThat(unauthorized.getMessage()).doesNotContain("d3Jvbmc6a2V5");
    }

    @Test
    void basicAuthWorksToo() throws StepFailure {
        kit(Map.of("username", KibanaSim.USER), Map.of("password", KibanaSim.PASSWORD)).run("request",
                with("path", "/api/status"));
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((KibanaSim.USER + ":" + KibanaSim.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRateLimitIsRetriedAfterRetryAfter() throws StepFailure {
        sim.seedAlert("default", "a-1");
        sim.rateLimitNext(1, 1);
        long start = System.nanoTime();
        Object output = home.run("SetAlertsStatus", with("status", "acknowledged", "signal_ids", List.of("a-1")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.requests()).hasSize(2);
        assertThat(map(output)).containsEntry("updated", 1L);

        sim.rateLimitNext(1, 300);
        StepFailure failure = home.remaining(Duration.ofSeconds(5)).fail("SetAlertsStatus",
                with("status", "open", "signal_ids", List.of("a-1")));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.details()).containsEntry("retryAfterSeconds", 300L);
    }

    @Test
    void testConnectionReadsTheStatusInTheSpace() throws StepFailure {
        assertThat(soc.test()).isEqualTo("Kibana " + KibanaSim.VERSION + " 'kibana-sim' answered at " + sim.url()
                + ", status available, space soc");
        assertThat(sim.lastRequest().path()).isEqualTo("/s/soc/api/status");
    }

    @Test
    void theTypeServesKibanaAndSecuritySteps() {
        ConnectorTypes types = ConnectorTypes.standard();
        assertThat(types.find("kibana")).get().isInstanceOf(KibanaConnector.class);
        assertThat(types.find("security")).get().isInstanceOf(KibanaConnector.class);
        KibanaConnector type = new KibanaConnector();
        assertThat(type.acceptsSubAction("SetAlertsStatus")).isTrue();
        assertThat(type.acceptsSubAction("setAlertStatus")).isTrue();
        assertThat(type.subActions()).contains("request", "SetAlertsStatus", "SetAlertTags", "setAlertStatus",
                "setAlertTags", "assignAlert");
    }
}
