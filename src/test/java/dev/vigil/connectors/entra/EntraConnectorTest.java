package dev.vigil.connectors.entra;

import static dev.vigil.sims.EntraSim.ADELE_ID;
import static dev.vigil.sims.EntraSim.ADELE_UPN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.sims.EntraSim;
import dev.vigil.sims.Simulator;
import dev.vigil.steps.StepFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EntraConnectorTest {

    static final String STEP_REQUEST_ID = UUID.nameUUIDFromBytes("exec-1:step:1".getBytes(StandardCharsets.UTF_8))
            .toString();

    final EntraSim sim = new EntraSim();

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(Map<String, Object> config, String secret) {
        Map<String, Object> all = new HashMap<>(Map.of("tenantId", EntraSim.TENANT_ID, "clientId", EntraSim.CLIENT_ID,
                "authorityUrl", sim.url(), "graphUrl", sim.url() + "/"));
        all.putAll(config);
        return new ConnectorKit(new EntraConnector(), all, Map.of("clientSecret", secret));
    }

    ConnectorKit kit() {
        return kit(Map.of(), EntraSim.CLIENT_SECRET);
    }

    @Test
    void disableUserFetchesATokenOnceAndPatchesAccountEnabled() throws StepFailure {
        ConnectorKit kit = kit();
        Object output = kit.run("disableUser", Map.of("user", ADELE_UPN));

        Simulator.Request token = sim.requests("POST", "/.*/oauth2/v2.0/token").getFirst();
        assertThat(token.path()).isEqualTo("/" + EntraSim.TENANT_ID + "/oauth2/v2.0/token");
        assertThat(token.form()).isEqualTo(Map.of("grant_type", "client_credentials", "client_id", EntraSim.CLIENT_ID,
                "client_secret", EntraSim.CLIENT_SECRET, "scope", "https://graph.microsoft.com/.default"));
        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("PATCH");
        assertThat(sent.path()).isEqualTo("/v1.0/users/" + ADELE_UPN);
        assertThat(sent.header("authorization")).startsWith("Bearer eyJ0eXAiOiJKV1QiLCJub25jZSI6");
        assertThat(sent.header("client-request-id")).isEqualTo(STEP_REQUEST_ID);
        assertThat(sent.jsonObject()).isEqualTo(Map.of("accountEnabled", false));
        assertThat(output).isEqualTo(Map.of("user", ADELE_UPN, "accountEnabled", false));
        assertThat(sim.user(ADELE_ID)).containsEntry("accountEnabled", false);
        assertThat(kit.logs()).anyMatch(l -> l.contains("accountEnabled=false for " + ADELE_UPN))
                .noneMatch(l -> l.contains(EntraSim.CLIENT_SECRET));

        kit.run("enableUser", Map.of("userId", ADELE_ID));
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("accountEnabled", true));
        assertThat(sim.user(ADELE_ID)).containsEntry("accountEnabled", true);
        assertThat(sim.tokensIssued()).isEqualTo(1);
    }

    @Test
    void revokeSessionsPostsTheActionAndReportsGraphsAnswer() throws StepFailure {
        Object output = kit().run("revokeSessions", Map.of("user", ADELE_ID));
        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1.0/users/" + ADELE_ID + "/revokeSignInSessions");
        assertThat(sent.body()).isEmpty();
        assertThat(output).isEqualTo(Map.of("user", ADELE_ID, "revoked", true));
        assertThat(sim.user(ADELE_ID).get("signInSessionsValidFromDateTime")).isNotEqualTo("2026-11-01T08:00:00Z");
    }

    @Test
    void getUserSelectsAccountEnabledAndDropsTheODataContext() throws StepFailure {
        Object output = kit().run("getUser", Map.of("user", ADELE_UPN));
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("$select", EntraConnector.USER_FIELDS));
        assertThat(output).asInstanceOf(MAP).containsEntry("id", ADELE_ID).containsEntry("accountEnabled", true)
                .doesNotContainKey("@odata.context");

        Object picked = kit().run("getUser", Map.of("user", ADELE_ID, "select", List.of("id", "displayName")));
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("$select", "id,displayName"));
        assertThat(picked).isEqualTo(Map.of("id", ADELE_ID, "displayName", "Adele Vance"));
    }

    @Test
    void confirmCompromisedLooksUpAPrincipalNameThenSendsObjectIds() throws StepFailure {
        Object output = kit().run("confirmCompromised", Map.of("user", ADELE_UPN));
        List<Simulator.Request> graph = sim.requests().stream().filter(r -> r.path().startsWith("/v1.0/")).toList();
        assertThat(graph).extracting(Simulator.Request::method).containsExactly("GET", "POST");
        assertThat(graph.getFirst().query()).isEqualTo(Map.of("$select", "id"));
        assertThat(graph.getLast().path()).isEqualTo("/v1.0/identityProtection/riskyUsers/confirmCompromised");
        assertThat(graph.getLast().jsonObject()).isEqualTo(Map.of("userIds", List.of(ADELE_ID)));
        assertThat(output).isEqualTo(Map.of("userIds", List.of(ADELE_ID), "confirmed", true));
        assertThat(sim.confirmedCompromised()).containsExactly(ADELE_ID);

        sim.clearRequests();
        kit().run("confirmCompromised", Map.of("userIds", List.of(ADELE_ID)));
        assertThat(sim.requests()).extracting(Simulator.Request::method).containsExactly("POST");
    }

    @Test
    void anUnknownUserFailsWithGraphsCodeAndMessage() {
        StepFailure failure = kit().fail("disableUser", Map.of("user", "ghost@contoso.com"));
        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).contains("HTTP 404").contains("Resource 'ghost@contoso.com' does not exist");
        assertThat(failure.details()).extractingByKey("data").asInstanceOf(MAP).extractingByKey("error")
                .asInstanceOf(MAP).containsEntry("code", "Request_ResourceNotFound");
    }

    @Test
    void aWrongSecretFailsWithTheAadstsDescriptionAndNeverReachesGraph() {
        StepFailure failure = kit(Map.of(), "wrong-secret").fail("disableUser", Map.of("user", ADELE_ID));
        assertThat(failure.getMessage()).contains("HTTP 401").contains("AADSTS7000215: Invalid client secret provided")
                .doesNotContain("wrong-secret");
        assertThat(sim.requests().stream().filter(r -> r.path().startsWith("/v1.0/"))).isEmpty();
    }

    @Test
    void graphsRetryAfterIsWaitedOutOrReportedWhenTooLong() throws StepFailure {
        ConnectorKit kit = kit();
        kit.run("getUser", Map.of("user", ADELE_ID));      // the token first, so the limit hits Graph
        sim.clearRequests();
        sim.rateLimitNext(1, 1);
        long start = System.nanoTime();
        kit.run("revokeSessions", Map.of("user", ADELE_ID));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.requests("POST", ".*/revokeSignInSessions")).hasSize(2);

        sim.clearRequests();
        sim.rateLimitNext(3, 90);
        StepFailure failure = kit.remaining(Duration.ofSeconds(5)).fail("disableUser", Map.of("user", ADELE_ID));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.details()).containsEntry("retryAfterSeconds", 90L);
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void testConnectionGetsATokenAndReadsTheOrganization() throws StepFailure {
        String result = kit().test();
        assertThat(sim.requests("POST", "/.*/oauth2/v2.0/token")).hasSize(1);
        assertThat(sim.lastRequest().path()).isEqualTo("/v1.0/organization");
        assertThat(sim.lastRequest().header("client-request-id")).isNull();
        assertThat(result).contains("Contoso");
    }

    @Test
    void anUnknownTenantFailsTheTestWithTheAadstsDescription() {
        try {
            kit(Map.of("tenantId", "no-such-tenant.example"), EntraSim.CLIENT_SECRET).test();
            throw new AssertionError("expected the test to fail");
        } catch (StepFailure failure) {
            assertThat(failure.getMessage()).contains("HTTP 400").contains("AADSTS90002");
        }
    }

    @Test
    void isRegisteredUnderItsNames() {
        assertThat(ConnectorTypes.standard().find("entra")).get().isInstanceOf(EntraConnector.class);
        assertThat(ConnectorTypes.standard().find("azure_ad")).get().isInstanceOf(EntraConnector.class);
    }
}
