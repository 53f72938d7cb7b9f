package dev.vigil.connectors.abuseipdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.sims.AbuseIpDbSim;
import dev.vigil.sims.Simulator;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AbuseIpDbConnectorTest {

    final AbuseIpDbSim sim = new AbuseIpDbSim();
    final ConnectorKit kit = kit(AbuseIpDbSim.API_KEY);

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(String apiKey) {
        return new ConnectorKit(new AbuseIpDbConnector(), Map.of("baseUrl", sim.url() + "/api/v2"),
                Map.of("apiKey", apiKey));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void checkIpSendsTheKeyAndAnswersTheBodyWithItsDataAlsoAtTheTop() throws StepFailure {
        Map<String, Object> output = map(kit.run("checkIp", Map.of("ipAddress", AbuseIpDbSim.BAD_IP)));

        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/api/v2/check");
        assertThat(sent.query()).containsExactly(Map.entry("ipAddress", AbuseIpDbSim.BAD_IP), Map.entry("maxAgeInDays", "90"));
        assertThat(sent.header("key")).isEqualTo(AbuseIpDbSim.API_KEY);
        assertThat(sent.header("accept")).isEqualTo("application/json");

        assertThat(output.get("data")).asInstanceOf(MAP).containsEntry("abuseConfidenceScore", 100L)
                .containsEntry("countryCode", "CN").containsEntry("isWhitelisted", false)
                .containsEntry("usageType", "Data Center/Web Hosting/Transit").containsEntry("domain", "tencent.com")
                .containsEntry("totalReports", 1L).containsEntry("lastReportedAt", "2026-01-02T16:35:16+00:00")
                .doesNotContainKey("reports");
        assertThat(output).containsEntry("abuseConfidenceScore", 100L).containsEntry("ipAddress", AbuseIpDbSim.BAD_IP)
                .containsEntry("isp", "Tencent Cloud Computing (Beijing) Co. Ltd");
    }

    @Test
    void checkIpTakesIpMaxAgeAsTextAndVerbose() throws StepFailure {
        Map<String, Object> output = map(kit.run("checkIp", Map.of("ip", AbuseIpDbSim.BAD_IP, "maxAgeInDays", "30",
                "verbose", true)));
        assertThat(sim.lastRequest().query()).containsEntry("maxAgeInDays", "30").containsEntry("verbose", "true");
        assertThat(output.get("reports")).asInstanceOf(LIST).hasSize(1);
        assertThat(output).containsEntry("countryName", "China");
    }

    @Test
    void getIpInfoIsAVerboseCheck() throws StepFailure {
        Map<String, Object> output = map(kit.run("getIpInfo", Map.of("ipAddress", "2001:4860:4860:0:0:0:0:8888")));
        assertThat(sim.lastRequest().query()).containsEntry("verbose", "true")
                .containsEntry("ipAddress", "2001:4860:4860::8888");
        assertThat(output).containsEntry("ipVersion", 6L).containsEntry("abuseConfidenceScore", 0L);
    }

    @Test
    void badParamsFailNamingTheFieldBeforeAnythingIsSent() {
        assertThat(kit.fail("checkIp", Map.of("ipAddress", "8.8.8.8", "maxAgeInDays", 400)).getMessage())
                .contains("with.maxAgeInDays must be between 1 and 365, got 400");
        assertThat(kit.fail("checkIp", Map.of("ipAddress", "example.com")).getMessage())
                .contains("with.ipAddress must be an IPv4 or IPv6 address");
        assertThat(kit.fail("checkIp", Map.of()).getMessage()).contains("with.ipAddress is required (or ip)");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void reportIpPostsAFormAndSaysItReported() throws StepFailure {
        Map<String, Object> output = map(kit.run("reportIp", Map.of("ip", "203.0.113.9", "categories", List.of(18, 22),
                "comment", "SSH brute force against bastion-1")));

        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/v2/report");
        assertThat(sent.header("content-type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(sent.header("key")).isEqualTo(AbuseIpDbSim.API_KEY);
        assertThat(sent.form()).containsExactly(Map.entry("ip", "203.0.113.9"), Map.entry("categories", "18,22"),
                Map.entry("comment", "SSH brute force against bastion-1"));
        assertThat(output).containsEntry("reported", true).containsEntry("ipAddress", "203.0.113.9")
                .containsEntry("abuseConfidenceScore", 52L);
        assertThat(output.get("data")).asInstanceOf(MAP).containsEntry("abuseConfidenceScore", 52L);
    }

    @Test
    void aSecondReportWithinFifteenMinutesIsAnAnswerNotAFailureAndIsNotRetried() throws StepFailure {
        kit.run("reportIp", Map.of("ip", "203.0.113.9", "categories", "18, 22"));
        assertThat(sim.lastRequest().form()).containsEntry("categories", "18,22");

        Map<String, Object> again = map(kit.run("reportIp", Map.of("ip", "203.0.113.9", "categories", "18")));
        assertThat(again).containsEntry("reported", false).containsEntry("alreadyReported", true)
                .containsEntry("ipAddress", "203.0.113.9");
        assertThat((String) again.get("message")).contains("once in 15 minutes");
        assertThat(sim.requests()).hasSize(2);
    }

    @Test
    void reportIpNeedsCategoryIds() {
        assertThat(kit.fail("reportIp", Map.of("ip", "203.0.113.9")).getMessage()).contains("with.categories is required");
        assertThat(kit.fail("reportIp", Map.of("ip", "203.0.113.9", "categories", List.of("ssh"))).getMessage())
                .contains("with.categories must hold AbuseIPDB category ids").contains("'ssh'");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void aSpentDailyQuotaFailsAReportAtOnceWithAbuseIpDbsWait() {
        sim.rateLimitNext(1, 3600);
        StepFailure failure = kit.fail("reportIp", Map.of("ip", "203.0.113.10", "categories", List.of(14)));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.getMessage()).contains("Daily rate limit of 1000 requests exceeded");
        assertThat(failure.details()).containsEntry("retryAfterSeconds", 3600L).containsEntry("rateLimitReset", "1767229200");
        assertThat(failure.toValue()).containsEntry("status", 429L);
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void checkBlockAndBulkCheckAskForTheNetwork() throws StepFailure {
        Map<String, Object> output = map(kit.run("checkBlock", Map.of("network", "118.25.6.0/24")));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v2/check-block");
        assertThat(sim.lastRequest().query()).containsExactly(Map.entry("network", "118.25.6.0/24"),
                Map.entry("maxAgeInDays", "30"));
        assertThat(output).containsEntry("networkAddress", "118.25.6.0").containsEntry("numPossibleHosts", 254L);
        assertThat(output.get("reportedAddress")).asInstanceOf(LIST).hasSize(1);

        kit.run("bulkCheck", Map.of("network", "118.25.6.0/24", "maxAgeInDays", 7));
        assertThat(sim.lastRequest().query()).containsEntry("maxAgeInDays", "7");
        assertThat(kit.fail("checkBlock", Map.of("network", "118.25.6.0")).getMessage())
                .contains("with.network must be a network in CIDR notation");
    }

    @Test
    void aWrongKeyFailsWithAbuseIpDbsWords() {
        StepFailure failure = kit("wrong-key-123456").fail("checkIp", Map.of("ipAddress", "8.8.8.8"));
        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).contains("HTTP 401").contains("Authentication failed")
                .doesNotContain("wrong-key-123456");
        assertThat(failure.toValue()).containsEntry("status", 401L);
    }

    @Test
    void retryAfterIsHonouredAndADailyLimitFailsAtOnce() throws StepFailure {
        sim.rateLimitNext(1, 1);
        long start = System.nanoTime();
        kit.run("checkIp", Map.of("ipAddress", "8.8.8.8"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.requests()).hasSize(2);

        sim.clearRequests();
        sim.rateLimitNext(1, 3600);
        StepFailure failure = kit.remaining(Duration.ofSeconds(10)).fail("checkIp", Map.of("ipAddress", "8.8.8.8"));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.details()).containsEntry("retryAfterSeconds", 3600L);
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void testConnectionChecksLoopback() throws StepFailure {
        assertThat(kit.test()).contains("/api/v2/check").contains("200");
        assertThat(sim.lastRequest().query()).containsExactly(Map.entry("ipAddress", "127.0.0.1"));
        assertThat(sim.lastRequest().header("key")).isEqualTo(AbuseIpDbSim.API_KEY);
    }

    @Test
    void theTypeIsRegisteredUnderItsKibanaId() {
        assertThat(dev.vigil.connectors.ConnectorTypes.standard().find(".abuseipdb")).get().isInstanceOf(AbuseIpDbConnector.class);
    }

    @Test
    void anUnknownSubActionFails() {
        assertThat(kit.fail("check", Map.of()).getMessage()).contains("unknown sub-action 'check'").contains("checkIp");
    }
}
