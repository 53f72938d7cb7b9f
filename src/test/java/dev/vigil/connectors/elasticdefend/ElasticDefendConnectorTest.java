package dev.vigil.connectors.elasticdefend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.sims.ElasticDefendSim;
import dev.vigil.sims.Simulator;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ElasticDefendConnectorTest {

    static final String WKS = "ed518850-681a-4d60-bb98-e22640cae2a8";
    static final String DB = "9972d10e-4b9e-41aa-a534-a85e2a28ea42";

    final ElasticDefendSim sim = new ElasticDefendSim();

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.put("baseUrl", sim.url() + "/");
        return new ConnectorKit(new ElasticDefendConnector(), all, Map.of("apiKey", ElasticDefendSim.API_KEY));
    }

    ConnectorKit kit() {
        return kit(Map.of());
    }

    @Test
    void isolateHostPostsKibanasBodyWithApiKeyAndKibanaHeadersAndReturnsTheAction() throws StepFailure {
        Object output = kit().run("isolateHost", Map.of("endpoint_ids", List.of(WKS), "comment", "Malware on wks-7",
                "case_ids", List.of("case-1"), "alert_ids", List.of("alert-9")));

        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/endpoint/action/isolate");
        assertThat(sent.header("authorization")).isEqualTo("ApiKey " + ElasticDefendSim.API_KEY);
        assertThat(sent.header("kbn-xsrf")).isEqualTo("true");
        assertThat(sent.header("elastic-api-version")).isEqualTo("2023-10-31");
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("endpoint_ids", List.of(WKS), "comment", "Malware on wks-7",
                "case_ids", List.of("case-1"), "alert_ids", List.of("alert-9")));
        assertThat(output).asInstanceOf(MAP)
                .containsEntry("command", "isolate")
                .containsEntry("status", "pending")
                .containsEntry("isCompleted", false)
                .containsEntry("agents", List.of(WKS))
                .containsEntry("comment", "Malware on wks-7")
                .containsKey("id");
    }

    @Test
    void aSingleAgentIdIsSentAsTheListKibanaExpects() throws StepFailure {
        kit().run("releaseHost", Map.of("agent_id", DB));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/endpoint/action/unisolate");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("endpoint_ids", List.of(DB)));
    }

    @Test
    void killProcessSendsThePidAsANumberOrTheEntityId() throws StepFailure {
        Object output = kit().run("killProcess", Map.of("endpoint_ids", List.of(WKS),
                "parameters", Map.of("pid", "4242"), "comment", "kill dropper"));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/endpoint/action/kill_process");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("endpoint_ids", List.of(WKS),
                "comment", "kill dropper", "parameters", Map.of("pid", 4242L)));
        assertThat(output).asInstanceOf(MAP).containsEntry("command", "kill_process")
                .containsEntry("parameters", Map.of("pid", 4242L));

        kit().run("killProcess", Map.of("endpoint_id", WKS, "entity_id", "abc123"));
        assertThat(sim.lastRequest().jsonObject()).containsEntry("parameters", Map.of("entity_id", "abc123"));
    }

    @Test
    void killProcessWithBothOrNeitherProcessKeyFailsBeforeCallingKibana() {
        StepFailure both = kit().fail("killProcess", Map.of("endpoint_ids", List.of(WKS),
                "parameters", Map.of("pid", 1, "entity_id", "x")));
        assertThat(both.getMessage()).contains("exactly one of with.parameters.pid");
        StepFailure neither = kit().fail("killProcess", Map.of("endpoint_ids", List.of(WKS)));
        assertThat(neither.getMessage()).contains("got 0");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void executeSendsTheCommandAndTimeout() throws StepFailure {
        kit().run("execute", Map.of("endpoint_ids", List.of(WKS), "comment", "emulate",
                "parameters", Map.of("command", "curl.exe icanhazip.com", "timeout", 600)));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/endpoint/action/execute");
        assertThat(sim.lastRequest().jsonObject()).containsEntry("parameters",
                Map.of("command", "curl.exe icanhazip.com", "timeout", 600L));
    }

    @Test
    void getActionStatusReadsTheActionUntilTheEndpointCompletesIt() throws StepFailure {
        ConnectorKit kit = kit();
        @SuppressWarnings("unchecked")
        Map<String, Object> action = (Map<String, Object>) kit.run("isolateHost", Map.of("endpoint_ids", WKS));
        String id = (String) action.get("id");

        assertThat(kit.run("getActionStatus", Map.of("action_id", id))).asInstanceOf(MAP)
                .containsEntry("isCompleted", false).containsEntry("status", "pending");
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(sim.lastRequest().path()).isEqualTo("/api/endpoint/action/" + id);

        sim.complete(id);
        assertThat(kit.run("getActionStatus", Map.of("id", id))).asInstanceOf(MAP)
                .containsEntry("isCompleted", true).containsEntry("wasSuccessful", true)
                .containsEntry("status", "successful");
    }

    @Test
    void aSpaceAndBasicAuthAreUsedWhenConfigured() throws StepFailure {
        Map<String, Object> config = new HashMap<>(Map.of("baseUrl", sim.url(), "space", "soc",
                "username", ElasticDefendSim.USERNAME));
        new ConnectorKit(new ElasticDefendConnector(), config, Map.of("password", ElasticDefendSim.PASSWORD))
                .run("isolateHost", Map.of("endpoint_ids", List.of(WKS)));
        assertThat(sim.lastRequest().path()).isEqualTo("/s/soc/api/endpoint/action/isolate");
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((ElasticDefendSim.USERNAME + ":" + ElasticDefendSim.PASSWORD).getBytes()));
    }

    @Test
    void anUnknownActionFailsWithKibanasMessageAndStatus() {
        StepFailure failure = kit().fail("getActionStatus", Map.of("action_id", "nope"));
        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).contains("HTTP 404").contains("Action with id 'nope' not found.");
        assertThat(failure.toValue()).containsEntry("statusCode", 404L);
    }

    @Test
    void missingEndpointIdsFailWithoutACall() {
        StepFailure failure = kit().fail("isolateHost", Map.of("comment", "no target"));
        assertThat(failure.getMessage()).contains("with.endpoint_ids is required");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void aRateLimitIsWaitedOutThenTheActionIsSentOnce() throws StepFailure {
        sim.rateLimitNext(1, 1);
        long start = System.nanoTime();
        kit().run("isolateHost", Map.of("endpoint_ids", List.of(WKS)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.requests("POST", "/api/endpoint/action/isolate")).hasSize(2);

        sim.clearRequests();
        sim.rateLimitNext(3, 60);
        StepFailure failure = kit().remaining(Duration.ofSeconds(5)).fail("isolateHost", Map.of("endpoint_ids", WKS));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.details()).containsEntry("retryAfterSeconds", 60L);
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void testConnectionReadsOneEndpointsMetadata() throws StepFailure {
        String result = kit().test();
        assertThat(sim.lastRequest().path()).isEqualTo("/api/endpoint/metadata");
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("pageSize", "1"));
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("ApiKey " + ElasticDefendSim.API_KEY);
        assertThat(result).contains("200").contains("2 Elastic Defend endpoint(s)");
    }

    @Test
    void aWrongKeyFailsTheTestWithKibanasWords() {
        ConnectorKit kit = new ConnectorKit(new ElasticDefendConnector(), Map.of("baseUrl", sim.url()),
                Map.of("apiKey", "wrong"));
        try {
            kit.test();
            throw new AssertionError("expected the test to fail");
        } catch (StepFailure failure) {
            assertThat(failure.getMessage()).contains("HTTP 401").contains("unable to authenticate");
        }
    }

    @Test
    void isRegisteredUnderItsNames() {
        assertThat(ConnectorTypes.standard().find("elastic_defend")).get().isInstanceOf(ElasticDefendConnector.class);
        assertThat(ConnectorTypes.standard().find(".endpoint")).get().isInstanceOf(ElasticDefendConnector.class);
    }
}
