package dev.vigil.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.sims.GenericHttpSim;
import dev.vigil.sims.Simulator;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpConnectorTest {

    final GenericHttpSim sim = new GenericHttpSim();

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(Map<String, Object> config, Map<String, String> secrets) {
        Map<String, Object> all = new java.util.HashMap<>(config);
        all.put("baseUrl", sim.url() + "/");
        return new ConnectorKit(new HttpConnector(), all, secrets);
    }

    @Test
    void bearerBasicAndHeaderAuthAreSentAsConfigured() throws StepFailure {
        kit(Map.of("auth", "bearer"), Map.of("token", "tok-123456")).run("request", Map.of("path", "/echo/a"));
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("Bearer tok-123456");
        assertThat(sim.lastRequest().path()).isEqualTo("/echo/a");

        kit(Map.of("auth", "basic", "username", "svc"), Map.of("password", "pw-987654")).run("request",
                Map.of("path", "echo"));
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("Basic "
                + java.util.Base64.getEncoder().encodeToString("svc:pw-987654".getBytes()));

        kit(Map.of("auth", "header", "header", "X-API-Key", "headers", Map.of("X-Team", "soc")),
                Map.of("apiKey", "key-abcdef")).run("request", Map.of("path", "/echo", "method", "post",
                "query", Map.of("q", "a b"), "body", Map.of("n", 1)));
        Simulator.Request last = sim.lastRequest();
        assertThat(last.header("x-api-key")).isEqualTo("key-abcdef");
        assertThat(last.header("x-team")).isEqualTo("soc");
        assertThat(last.method()).isEqualTo("POST");
        assertThat(last.query()).containsEntry("q", "a b");
        assertThat(last.jsonObject()).containsEntry("n", 1L);
        assertThat(last.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void oauth2TokenIsFetchedOnceCachedAndRefreshedAfterA401() throws StepFailure {
        ConnectorKit kit = kit(Map.of("auth", "oauth2", "tokenUrl", sim.url() + "/oauth/token",
                "clientId", GenericHttpSim.CLIENT_ID), Map.of("clientSecret", GenericHttpSim.CLIENT_SECRET));
        kit.run("request", Map.of("path", "/secure/1"));
        kit.run("request", Map.of("path", "/secure/2"));
        assertThat(sim.tokensIssued()).isEqualTo(1);
        assertThat(sim.requests("POST", "/oauth/token").getFirst().form())
                .containsEntry("grant_type", "client_credentials").containsEntry("client_id", GenericHttpSim.CLIENT_ID);

        sim.revokeToken();
        Object output = kit.run("request", Map.of("path", "/secure/3"));
        assertThat(sim.tokensIssued()).isEqualTo(2);
        assertThat(output).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("status", 200L);
    }

    @Test
    void wrongClientSecretFailsWithTheServicesWords() {
        ConnectorKit kit = kit(Map.of("auth", "oauth2", "tokenUrl", sim.url() + "/oauth/token",
                "clientId", GenericHttpSim.CLIENT_ID), Map.of("clientSecret", "wrong-secret-value"));
        StepFailure failure = kit.fail("request", Map.of("path", "/secure/1"));
        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).contains("HTTP 401").contains("client authentication failed");
    }

    @Test
    void retryAfterIsHonouredAndATooLongWaitFailsAtOnce() throws StepFailure {
        ConnectorKit kit = kit(Map.of(), Map.of());
        sim.rateLimitNext(1, 1);
        long start = System.nanoTime();
        kit.run("request", Map.of("path", "/echo"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.requests()).hasSize(2);

        sim.clearRequests();
        sim.rateLimitNext(1, 120);
        StepFailure failure = kit.remaining(Duration.ofSeconds(10)).fail("request", Map.of("path", "/echo"));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.details()).containsEntry("retryAfterSeconds", 120L);
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void errorsCarryStatusAndServiceMessage() {
        sim.failNext(1, Simulator.Response.json(404, Map.of("errors", java.util.List.of(Map.of("message", "no such thing")))));
        StepFailure failure = kit(Map.of(), Map.of()).fail("request", Map.of("path", "/echo"));
        assertThat(failure.getMessage()).contains("HTTP 404 Not Found").contains("no such thing");
        assertThat(failure.toValue()).containsEntry("statusCode", 404L);
    }

    @Test
    void testConnectionGetsTheTestPath() throws StepFailure {
        String result = kit(Map.of("testPath", "/echo/health"), Map.of()).test();
        assertThat(result).contains("/echo/health").contains("200");
    }
}
