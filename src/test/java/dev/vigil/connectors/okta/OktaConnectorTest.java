package dev.vigil.connectors.okta;

import static dev.vigil.sims.OktaSim.JANE_ID;
import static dev.vigil.sims.OktaSim.JANE_LOGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.sims.OktaSim;
import dev.vigil.sims.Simulator;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OktaConnectorTest {

    final OktaSim sim = new OktaSim();

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(String token) {
        return new ConnectorKit(new OktaConnector(), Map.of("baseUrl", sim.url() + "/"), Map.of("apiToken", token));
    }

    ConnectorKit kit() {
        return kit(OktaSim.API_TOKEN);
    }

    @Test
    void suspendUserPostsTheLifecycleOperationWithTheSswsToken() throws StepFailure {
        ConnectorKit kit = kit();
        Object output = kit.run("suspendUser", Map.of("user", JANE_ID));

        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/v1/users/" + JANE_ID + "/lifecycle/suspend");
        assertThat(sent.query()).isEmpty();
        assertThat(sent.header("authorization")).isEqualTo("SSWS " + OktaSim.API_TOKEN);
        assertThat(sent.header("accept")).isEqualTo("application/json");
        assertThat(sent.body()).isEmpty();
        assertThat(output).isEqualTo(Map.of("user", JANE_ID, "operation", "suspend", "status", "SUSPENDED",
                "changed", true));
        assertThat(sim.status(JANE_ID)).isEqualTo("SUSPENDED");
        assertThat(kit.logs()).anyMatch(l -> l.contains("suspend " + JANE_ID)).noneMatch(l -> l.contains(OktaSim.API_TOKEN));

        assertThat(kit.run("unsuspendUser", Map.of("userId", JANE_ID))).asInstanceOf(MAP).containsEntry("status", "ACTIVE");
        assertThat(sim.lastRequest().path()).endsWith("/lifecycle/unsuspend");
        assertThat(sim.status(JANE_ID)).isEqualTo("ACTIVE");
    }

    @Test
    void aLoginIsPutInThePathAsOneSegment() throws StepFailure {
        kit().run("deactivateUser", Map.of("login", JANE_LOGIN, "sendEmail", false));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v1/users/" + JANE_LOGIN + "/lifecycle/deactivate");
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("sendEmail", "false"));
        assertThat(sim.status(JANE_ID)).isEqualTo("DEPROVISIONED");
    }

    @Test
    void aUserAlreadyInTheStateAskedForIsASuccessWithoutChange() throws StepFailure {
        sim.status(JANE_ID, "SUSPENDED");
        Object output = kit().run("suspendUser", Map.of("user", JANE_ID));
        assertThat(output).asInstanceOf(MAP).containsEntry("changed", false).containsEntry("status", "SUSPENDED");
        assertThat(sim.requests()).extracting(Simulator.Request::method).containsExactly("POST", "GET");
    }

    @Test
    void aLifecycleRefusalForAnotherReasonFailsWithOktasWords() {
        sim.status(JANE_ID, "DEPROVISIONED");
        StepFailure failure = kit().fail("suspendUser", Map.of("user", JANE_ID));
        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).contains("HTTP 400").contains("Api validation failed: suspend")
                .contains("Cannot suspend a user whose status is DEPROVISIONED");
        assertThat(failure.toValue()).containsEntry("statusCode", 400L);
    }

    @Test
    void resetFactorsPostsItsLifecycleOperation() throws StepFailure {
        Object output = kit().run("resetFactors", Map.of("user", JANE_ID));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v1/users/" + JANE_ID + "/lifecycle/reset_factors");
        assertThat(output).isEqualTo(Map.of("user", JANE_ID, "operation", "reset_factors", "changed", true));
    }

    @Test
    void revokeSessionsDeletesThemAndTheOauthTokensWhenAsked() throws StepFailure {
        Object output = kit().run("revokeSessions", Map.of("user", JANE_ID, "oauthTokens", true));
        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("DELETE");
        assertThat(sent.path()).isEqualTo("/api/v1/users/" + JANE_ID + "/sessions");
        assertThat(sent.query()).isEqualTo(Map.of("oauthTokens", "true"));
        assertThat(output).isEqualTo(Map.of("user", JANE_ID, "sessionsRevoked", true, "oauthTokensRevoked", true));

        kit().run("revokeSessions", Map.of("user", JANE_ID));
        assertThat(sim.lastRequest().query()).isEmpty();
    }

    @Test
    void getUserByLoginReturnsOktasUser() throws StepFailure {
        Object output = kit().run("getUser", Map.of("user", JANE_LOGIN));
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v1/users/" + JANE_LOGIN);
        assertThat(output).asInstanceOf(MAP).containsEntry("id", JANE_ID).containsEntry("status", "ACTIVE")
                .extractingByKey("profile").asInstanceOf(MAP).containsEntry("login", JANE_LOGIN);
    }

    @Test
    void anUnknownUserFailsWithOktasErrorSummary() {
        StepFailure failure = kit().fail("getUser", Map.of("user", "nobody@example.com"));
        assertThat(failure.getMessage()).contains("HTTP 404")
                .contains("Not found: Resource not found: nobody@example.com (User)");
        assertThat(failure.details()).extractingByKey("data").asInstanceOf(MAP).containsEntry("errorCode", "E0000007");
    }

    @Test
    void aWrongTokenFailsWithOktasWords() {
        StepFailure failure = kit("wrong").fail("getUser", Map.of("user", JANE_ID));
        assertThat(failure.getMessage()).contains("HTTP 401").contains("Invalid token provided");
    }

    @Test
    void theRateLimitResetEpochIsWaitedOutOrReportedWhenTooLong() throws StepFailure {
        sim.rateLimitNext(1, 1);
        long start = System.nanoTime();
        kit().run("suspendUser", Map.of("user", JANE_ID));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.requests("POST", ".*/lifecycle/suspend")).hasSize(2);
        assertThat(sim.status(JANE_ID)).isEqualTo("SUSPENDED");

        sim.clearRequests();
        sim.rateLimitNext(3, 45);
        StepFailure failure = kit().remaining(Duration.ofSeconds(5)).fail("getUser", Map.of("user", JANE_ID));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat((Long) failure.details().get("retryAfterSeconds")).isBetween(43L, 45L);
        assertThat(failure.details()).extractingByKey("data").asInstanceOf(MAP).containsEntry("errorCode", "E0000047");
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void missingUserFailsWithoutACall() {
        StepFailure failure = kit().fail("suspendUser", Map.of());
        assertThat(failure.getMessage()).contains("with.user is required");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void testConnectionListsOneUser() throws StepFailure {
        String result = kit().test();
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v1/users");
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("limit", "1"));
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("SSWS " + OktaSim.API_TOKEN);
        assertThat(result).contains("200");
    }

    @Test
    void isRegisteredUnderItsNames() {
        assertThat(ConnectorTypes.standard().find("okta")).get().isInstanceOf(OktaConnector.class);
    }
}
