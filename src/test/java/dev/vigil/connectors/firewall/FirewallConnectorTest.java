package dev.vigil.connectors.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.sims.FirewallSim;
import dev.vigil.sims.Simulator;
import dev.vigil.steps.StepFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FirewallConnectorTest {

    final FirewallSim sim = new FirewallSim();
    final ConnectorKit kit = kit(Map.of());

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(Map.of("baseUrl", sim.url(), "auth", "bearer"));
        all.putAll(config);
        return new ConnectorKit(new FirewallConnector(), all, Map.of("token", FirewallSim.TOKEN));
    }

    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
    int steps;

    /** Runs a sub-action as another step would: with its own idempotency key. */
    Object step(String subAction, Map<String, Object> params) throws StepFailure {
        return new FirewallConnector().execute(dev.vigil.connectors.ConnectorCall.start(HTTP, kit.connector(), subAction,
                params, java.time.Duration.ofSeconds(30), (level, message) -> { }, "exec-1:step-" + ++steps + ":1"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void blockIpPostsTheBlockWithTheStepsIdempotencyKey() throws StepFailure {
        Map<String, Object> output = map(kit.run("blockIp", Map.of("ip", "203.0.113.7", "duration", "24h",
                "comment", "C2 beacon from alert a-1")));

        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/v1/blocklist");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + FirewallSim.TOKEN);
        assertThat(sent.header("idempotency-key")).isEqualTo("exec-1:step:1");
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.jsonObject()).containsExactly(Map.entry("ip", "203.0.113.7"), Map.entry("duration", 86400L),
                Map.entry("comment", "C2 beacon from alert a-1"), Map.entry("source", "vigil"));

        assertThat(output).containsEntry("ip", "203.0.113.7").containsEntry("blocked", true)
                .containsEntry("alreadyBlocked", false);
        assertThat(output.get("entry")).asInstanceOf(MAP).containsEntry("id", "blk-1")
                .containsEntry("expiresAt", "2026-01-02T00:00:00Z");
    }

    @Test
    void aPermanentBlockSendsNoDurationAndSecondsAreTakenAsSeconds() throws StepFailure {
        step("blockIp", Map.of("ip", "203.0.113.8"));
        assertThat(sim.lastRequest().jsonObject()).containsOnlyKeys("ip", "source");
        step("blockIp", Map.of("ip", "203.0.113.9", "duration", 3600));
        assertThat(sim.lastRequest().jsonObject()).containsEntry("duration", 3600L);
        step("blockIp", Map.of("ip", "203.0.113.10", "duration", "1500ms"));
        assertThat(sim.lastRequest().jsonObject()).containsEntry("duration", 2L);
        assertThat(kit.fail("blockIp", Map.of("ip", "203.0.113.11", "duration", 0)).getMessage())
                .contains("with.duration must be longer than 0");
        assertThat(kit.fail("blockIp", Map.of("ip", "203.0.113.11", "duration", "a day")).getMessage())
                .contains("with.duration must be seconds or a duration such as 24h");
    }

    @Test
    void blockingAnIpAlreadyBlockedSaysSo() throws StepFailure {
        step("blockIp", Map.of("ip", "2001:DB8::0:1"));
        assertThat(sim.lastRequest().jsonObject()).containsEntry("ip", "2001:db8::1");
        Map<String, Object> again = map(step("blockIp", Map.of("ip", "2001:db8::1")));
        assertThat(sim.lastRequest().header("idempotency-key")).isEqualTo("exec-1:step-2:1");
        assertThat(again).containsEntry("alreadyBlocked", true).containsEntry("blocked", true);
        assertThat(again.get("entry")).asInstanceOf(MAP).containsEntry("id", "blk-1");
        assertThat(sim.entries()).hasSize(1);
    }

    @Test
    void aRateLimitedBlockIsRetriedWithTheSameIdempotencyKeyAndAppliedOnce() throws StepFailure {
        sim.rateLimitNext(1, 1);
        Map<String, Object> output = map(kit.run("blockIp", Map.of("ip", "198.51.100.23")));
        assertThat(sim.requests()).hasSize(2).allSatisfy(r ->
                assertThat(r.header("idempotency-key")).isEqualTo("exec-1:step:1"));
        assertThat(output).containsEntry("alreadyBlocked", false);
        assertThat(sim.entries()).hasSize(1);
    }

    @Test
    void aReplayedStepGetsTheFirstAnswerAndTheGatewayRefusesAKeyReusedForAnotherIp() throws StepFailure {
        Map<String, Object> first = map(kit.run("blockIp", Map.of("ip", "198.51.100.30")));
        Map<String, Object> replay = map(kit.run("blockIp", Map.of("ip", "198.51.100.30")));
        assertThat(replay.get("entry")).isEqualTo(first.get("entry"));
        assertThat(sim.entries()).hasSize(1);
        assertThat(kit.fail("blockIp", Map.of("ip", "198.51.100.31")).getMessage()).contains("HTTP 422")
                .contains("was used for 198.51.100.30");
    }

    @Test
    void addressesThatNameNoSingleHostAreNeverBlocked() {
        for (String ip : List.of("127.0.0.1", "::1", "0.0.0.0", "::", "224.0.0.251", "255.255.255.255",
                "::ffff:127.0.0.2", "ff02::1")) {
            assertThat(kit.fail("blockIp", Map.of("ip", ip)).getMessage()).as(ip).contains("refusing to block")
                    .contains("which names no single outside host");
        }
        assertThat(kit.fail("blockIp", Map.of("ip", "evil.example.com")).getMessage())
                .contains("with.ip must be an IPv4 or IPv6 address");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void protectedNetworksAreNeverBlocked() throws StepFailure {
        ConnectorKit guarded = kit(Map.of("protectedNetworks", List.of("10.0.0.0/8", "192.0.2.53", "2001:db8:53::/48")));
        assertThat(guarded.fail("blockIp", Map.of("ip", "10.20.30.40")).getMessage())
                .contains("refusing to block 10.20.30.40: it is in the connector's protectedNetworks (10.0.0.0/8)");
        assertThat(guarded.fail("blockIp", Map.of("ip", "192.0.2.53")).getMessage()).contains("(192.0.2.53/32)");
        assertThat(guarded.fail("blockIp", Map.of("ip", "2001:db8:53:1::9")).getMessage()).contains("2001:db8:53::/48");
        assertThat(sim.requests()).isEmpty();

        guarded.run("blockIp", Map.of("ip", "192.0.2.54"));
        assertThat(sim.entries()).hasSize(1);
        sim.clearRequests();
        assertThat(kit(Map.of("protectedNetworks", "10.0.0.0/8, 172.16.0.0/12")).fail("blockIp",
                Map.of("ip", "172.20.0.5")).getMessage()).contains("(172.16.0.0/12)");
        assertThat(sim.requests()).isEmpty();

        assertThat(kit(Map.of("protectedNetworks", "10.0.0.0/33")).fail("blockIp", Map.of("ip", "192.168.1.21"))
                .getMessage()).contains("protectedNetworks entry '10.0.0.0/33' is not an IP address or CIDR block");
    }

    @Test
    void unblockIpDeletesTheIpsPathAndANotBlockedIpIsAnAnswer() throws StepFailure {
        kit.run("blockIp", Map.of("ip", "2001:db8::7"));
        Map<String, Object> output = map(kit.run("unblockIp", Map.of("ip", "2001:db8::7")));
        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("DELETE");
        assertThat(sent.path()).isEqualTo("/api/v1/blocklist/2001:db8::7");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + FirewallSim.TOKEN);
        assertThat(sent.header("idempotency-key")).isEqualTo("exec-1:step:1");
        assertThat(output).containsEntry("ip", "2001:db8::7").containsEntry("unblocked", true)
                .containsEntry("wasBlocked", true);
        assertThat(sim.entries()).isEmpty();

        Map<String, Object> again = map(kit.run("unblockIp", Map.of("ip", "2001:db8::7")));
        assertThat(again).containsEntry("unblocked", true).containsEntry("wasBlocked", false);
    }

    @Test
    void anUnblockPathWithoutIpSendsTheIpInTheBody() throws StepFailure {
        ConnectorKit bodyStyle = kit(Map.of("unblockPath", "/api/v1/blocklist"));
        bodyStyle.run("blockIp", Map.of("ip", "198.51.100.99"));
        Map<String, Object> output = map(bodyStyle.run("unblockIp", Map.of("ip", "198.51.100.99")));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v1/blocklist");
        assertThat(sim.lastRequest().jsonObject()).containsExactly(Map.entry("ip", "198.51.100.99"),
                Map.entry("source", "vigil"));
        assertThat(output).containsEntry("wasBlocked", true);
    }

    @Test
    void listBlockedAnswersTheItemsAndWhetherOneIpIsAmongThem() throws StepFailure {
        step("blockIp", Map.of("ip", "203.0.113.7"));
        step("blockIp", Map.of("ip", "2001:db8::1"));

        Map<String, Object> all = map(kit.run("listBlocked", Map.of()));
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v1/blocklist");
        assertThat(all).containsEntry("count", 2L).doesNotContainKey("blocked");
        assertThat(all.get("items")).asInstanceOf(LIST).hasSize(2);

        Map<String, Object> one = map(kit.run("listBlocked", Map.of("ip", "2001:DB8:0::1")));
        assertThat(one).containsEntry("count", 1L).containsEntry("blocked", true);
        assertThat(map(kit.run("listBlocked", Map.of("ip", "203.0.113.8")))).containsEntry("blocked", false);
    }

    @Test
    void errorsCarryTheGatewaysWordsAndStatus() {
        ConnectorKit wrong = new ConnectorKit(new FirewallConnector(), Map.of("baseUrl", sim.url(), "auth", "bearer"),
                Map.of("token", "wrong-token-123"));
        StepFailure denied = wrong.fail("blockIp", Map.of("ip", "203.0.113.7"));
        assertThat(denied.type()).isEqualTo("ConnectorExecutionError");
        assertThat(denied.getMessage()).contains("HTTP 401").contains("missing or invalid bearer token");
        assertThat(denied.toValue()).containsEntry("status", 401L);

        sim.failNext(1, Simulator.Response.json(502, Map.of("error", Map.of("code", "upstream",
                "message", "firewall management plane unreachable"))));
        StepFailure down = kit.fail("unblockIp", Map.of("ip", "203.0.113.7"));
        assertThat(down.getMessage()).contains("HTTP 502").contains("firewall management plane unreachable");
    }

    @Test
    void basicAuthAndExtraHeadersAreSentAsConfigured() throws StepFailure {
        sim.failNext(1, Simulator.Response.json(Map.of("items", List.of())));
        new ConnectorKit(new FirewallConnector(), Map.of("baseUrl", sim.url(), "auth", "basic", "username", "soar",
                "headers", Map.of("X-Tenant", "soc-eu")), Map.of("password", "pw-0987654321"))
                .run("listBlocked", Map.of());
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("Basic "
                + java.util.Base64.getEncoder().encodeToString("soar:pw-0987654321".getBytes()));
        assertThat(sim.lastRequest().header("x-tenant")).isEqualTo("soc-eu");
    }

    @Test
    void aListThatIsNotAListFailsClearly() {
        sim.failNext(1, Simulator.Response.json(Map.of("entries", "none")));
        assertThat(kit.fail("listBlocked", Map.of()).getMessage()).contains("did not answer a list of blocked addresses");
    }

    @Test
    void testConnectionGetsTheList() throws StepFailure {
        kit.run("blockIp", Map.of("ip", "203.0.113.7"));
        assertThat(kit.test()).isEqualTo("GET " + sim.url() + "/api/v1/blocklist answered with 1 blocked address");
        assertThat(kit(Map.of("listPath", "/api/v1/blocklist?limit=1")).test()).contains("1 blocked address");
    }

    @Test
    void theTypeIsRegisteredUnderItsKibanaId() {
        assertThat(dev.vigil.connectors.ConnectorTypes.standard().find(".firewall")).get().isInstanceOf(FirewallConnector.class);
    }

    @Test
    void anUnknownSubActionFails() {
        assertThat(kit.fail("block", Map.of()).getMessage()).contains("unknown sub-action 'block'").contains("blockIp");
    }
}
