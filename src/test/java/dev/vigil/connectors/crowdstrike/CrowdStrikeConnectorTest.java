package dev.vigil.connectors.crowdstrike;

import static dev.vigil.sims.CrowdStrikeSim.SRV_DB_1;
import static dev.vigil.sims.CrowdStrikeSim.WKS_7;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.sims.CrowdStrikeSim;
import dev.vigil.sims.Simulator;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CrowdStrikeConnectorTest {

    final CrowdStrikeSim sim = new CrowdStrikeSim();

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(Map<String, Object> config, String secret) {
        Map<String, Object> all = new HashMap<>(Map.of("baseUrl", sim.url(), "clientId", CrowdStrikeSim.CLIENT_ID));
        all.putAll(config);
        return new ConnectorKit(new CrowdStrikeConnector(Duration.ofMillis(20)), all, Map.of("clientSecret", secret));
    }

    ConnectorKit kit() {
        return kit(Map.of(), CrowdStrikeSim.CLIENT_SECRET);
    }

    @Test
    void containHostGetsATokenOnceThenPostsTheContainAction() throws StepFailure {
        ConnectorKit kit = kit();
        Object output = kit.run("containHost", Map.of("device_id", WKS_7, "comment", "ransomware"));

        Simulator.Request token = sim.requests("POST", "/oauth2/token").getFirst();
        assertThat(token.form()).containsEntry("client_id", CrowdStrikeSim.CLIENT_ID)
                .containsEntry("client_secret", CrowdStrikeSim.CLIENT_SECRET).doesNotContainKey("member_cid");
        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/devices/entities/devices-actions/v2");
        assertThat(sent.query()).isEqualTo(Map.of("action_name", "contain"));
        assertThat(sent.header("authorization")).startsWith("Bearer cs-token-1-");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("ids", List.of(WKS_7)));
        assertThat(output).asInstanceOf(MAP).containsEntry("resources", List.of(Map.of("id", WKS_7, "path", "")))
                .containsEntry("errors", List.of()).containsKey("meta");
        assertThat(sim.device(WKS_7)).containsEntry("status", "containment_pending");
        assertThat(kit.logs()).anyMatch(l -> l.contains("contain requested for [" + WKS_7 + "]") && l.contains("ransomware")
                && !l.contains(CrowdStrikeSim.CLIENT_SECRET));

        kit.run("liftContainment", Map.of("ids", List.of(WKS_7, SRV_DB_1)));
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("action_name", "lift_containment"));
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("ids", List.of(WKS_7, SRV_DB_1)));
        assertThat(sim.tokensIssued()).isEqualTo(1);
    }

    @Test
    void theMemberCidGoesWithTheTokenRequest() throws StepFailure {
        kit(Map.of("memberCid", "child-cid-1"), CrowdStrikeSim.CLIENT_SECRET).run("getDevice", Map.of("id", WKS_7));
        assertThat(sim.requests("POST", "/oauth2/token").getFirst().form()).containsEntry("member_cid", "child-cid-1");
    }

    @Test
    void anExpiredTokenIsFetchedAgainOnce() throws StepFailure {
        ConnectorKit kit = kit();
        kit.run("getDevice", Map.of("device_id", WKS_7));
        sim.expireToken();
        Object output = kit.run("getDevice", Map.of("device_id", WKS_7));
        assertThat(sim.tokensIssued()).isEqualTo(2);
        assertThat(output).asInstanceOf(MAP).containsEntry("hostname", "wks-7");
    }

    @Test
    void getDeviceReturnsTheDeviceItself() throws StepFailure {
        Object output = kit().run("getDevice", Map.of("device_id", SRV_DB_1));
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(sim.lastRequest().path()).isEqualTo("/devices/entities/devices/v2");
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("ids", SRV_DB_1));
        assertThat(output).asInstanceOf(MAP).containsEntry("device_id", SRV_DB_1).containsEntry("hostname", "srv-db-1")
                .containsEntry("status", "normal");
    }

    @Test
    void findDeviceQueriesByHostnameAndReturnsTheIds() throws StepFailure {
        Object output = kit().run("findDevice", Map.of("hostname", "WKS-7"));
        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.path()).isEqualTo("/devices/queries/devices/v1");
        assertThat(sent.query()).isEqualTo(Map.of("filter", "hostname:'WKS-7'", "limit", "100"));
        assertThat(output).isEqualTo(Map.of("ids", List.of(WKS_7), "total", 1L));

        kit().run("findDevice", Map.of("hostname", "o'brien-pc"));
        assertThat(sim.lastRequest().query()).containsEntry("filter", "hostname:'o\\'brien-pc'");
    }

    @Test
    void kibanasSubActionsTakeKibanasParams() throws StepFailure {
        ConnectorKit kit = kit();
        Object hostActions = kit.run("hostActions", Map.of("command", "contain", "ids", List.of(WKS_7),
                "comment", "from Kibana", "alertIds", List.of("a-1")));
        assertThat(sim.lastRequest().query()).containsEntry("action_name", "contain");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("ids", List.of(WKS_7)));
        assertThat(hostActions).asInstanceOf(MAP).containsKey("resources");

        Object details = kit.run("getAgentDetails", Map.of("ids", List.of(WKS_7, SRV_DB_1)));
        assertThat(sim.lastRequest().query()).containsEntry("ids", WKS_7 + "," + SRV_DB_1);
        assertThat(details).asInstanceOf(MAP).extractingByKey("resources").asInstanceOf(LIST).hasSize(2);

        Object online = kit.run("getAgentOnlineStatus", Map.of("ids", List.of(WKS_7)));
        assertThat(sim.lastRequest().path()).isEqualTo("/devices/entities/online-state/v1");
        assertThat(online).asInstanceOf(MAP).extractingByKey("resources").asInstanceOf(LIST).singleElement()
                .asInstanceOf(MAP).containsEntry("state", "online");
    }

    @Test
    void killProcessOpensASessionSendsKillPollsAndClosesTheSession() throws StepFailure {
        sim.completeAfterPolls(3);
        Object output = kit().run("killProcess", Map.of("device_id", WKS_7, "pid", 4242));

        Simulator.Request session = sim.requests("POST", "/real-time-response/entities/sessions/v1").getFirst();
        assertThat(session.jsonObject()).isEqualTo(Map.of("device_id", WKS_7, "origin", "vigil", "queue_offline", false));
        Simulator.Request command = sim.requests("POST", "/real-time-response/entities/active-responder-command/v1")
                .getFirst();
        assertThat(command.jsonObject()).containsEntry("base_command", "kill").containsEntry("command_string", "kill 4242")
                .containsEntry("device_id", WKS_7).containsEntry("persist", false).containsKey("session_id");
        List<Simulator.Request> polls = sim.requests("GET", "/real-time-response/entities/active-responder-command/v1");
        assertThat(polls).hasSize(3);
        assertThat(polls.getFirst().query()).containsEntry("sequence_id", "0").containsKey("cloud_request_id");
        assertThat(sim.requests("DELETE", "/real-time-response/entities/sessions/v1")).hasSize(1);
        assertThat(sim.openSessions()).isZero();
        assertThat(output).asInstanceOf(MAP).containsEntry("complete", true).containsEntry("stdout", "Process killed")
                .containsEntry("stderr", "").containsEntry("pid", 4242L).containsEntry("device_id", WKS_7);
    }

    @Test
    void aKillStillRunningAfterTheWaitIsReportedNotFailedAndItsSessionLeftOpen() throws StepFailure {
        sim.completeAfterPolls(1000);
        Object output = kit().run("killProcess", Map.of("device_id", WKS_7, "pid", 7, "waitSeconds", 0));
        assertThat(output).asInstanceOf(MAP).containsEntry("complete", false).containsKey("cloud_request_id");
        assertThat(sim.requests("GET", "/real-time-response/entities/active-responder-command/v1")).hasSize(1);
        assertThat(sim.openSessions()).isEqualTo(1);
    }

    @Test
    void aKillTheHostRefusesFailsWithItsStderr() {
        sim.killStderr("Could not find process with PID 99");
        StepFailure failure = kit().fail("killProcess", Map.of("device_id", WKS_7, "pid", 99));
        assertThat(failure.getMessage()).contains("Could not find process with PID 99");
        assertThat(failure.details()).containsEntry("complete", true);
    }

    @Test
    void falconErrorsFailWithFalconsMessage() {
        StepFailure failure = kit().fail("containHost", Map.of("device_id", "no-such-device"));
        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).contains("HTTP 404").contains("Device no-such-device not found");
        assertThat(failure.toValue()).containsEntry("statusCode", 404L);
    }

    @Test
    void errorsInsideA2xxAnswerAreNotTakenForSuccess() {
        StepFailure failure = kit().fail("containHost", Map.of("ids", List.of(WKS_7, "no-such-device")));
        assertThat(failure.getMessage()).contains("answered 202 but reported 1 error(s): Device no-such-device not found");
        assertThat(failure.toValue()).containsEntry("statusCode", 202L);
    }

    @Test
    void wrongClientCredentialsFailWithFalconsWords() {
        StepFailure failure = kit(Map.of(), "wrong-secret").fail("containHost", Map.of("device_id", WKS_7));
        assertThat(failure.getMessage()).contains("HTTP 403").contains("access denied, invalid client credentials");
        assertThat(sim.requests("POST", "/devices/entities/devices-actions/v2")).isEmpty();
    }

    @Test
    void theRateLimitResetEpochIsWaitedOutOrReportedWhenTooLong() throws StepFailure {
        ConnectorKit kit = kit();
        kit.run("getDevice", Map.of("device_id", WKS_7));     // token first, so the limit hits the API call
        sim.clearRequests();
        sim.rateLimitNext(1, 1);
        long start = System.nanoTime();
        kit.run("containHost", Map.of("device_id", WKS_7));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.requests("POST", "/devices/entities/devices-actions/v2")).hasSize(2);

        sim.clearRequests();
        sim.rateLimitNext(3, 120);
        StepFailure failure = kit.remaining(Duration.ofSeconds(10)).fail("containHost", Map.of("device_id", WKS_7));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat((Long) failure.details().get("retryAfterSeconds")).isBetween(118L, 120L);
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void testConnectionGetsATokenAndQueriesOneHost() throws StepFailure {
        String result = kit().test();
        assertThat(sim.requests("POST", "/oauth2/token")).hasSize(1);
        assertThat(sim.lastRequest().path()).isEqualTo("/devices/queries/devices/v1");
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("limit", "1"));
        assertThat(result).contains("2 host(s)");
    }

    @Test
    void isRegisteredUnderItsNames() {
        assertThat(ConnectorTypes.standard().find("crowdstrike")).get().isInstanceOf(CrowdStrikeConnector.class);
        assertThat(ConnectorTypes.standard().find(".crowdstrike")).get().isInstanceOf(CrowdStrikeConnector.class);
    }
}
