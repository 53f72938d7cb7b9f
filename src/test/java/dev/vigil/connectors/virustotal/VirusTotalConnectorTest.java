package dev.vigil.connectors.virustotal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.sims.Simulator;
import dev.vigil.sims.VirusTotalSim;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirusTotalConnectorTest {

    final VirusTotalSim sim = new VirusTotalSim();
    final ConnectorKit kit = kit(VirusTotalSim.API_KEY);

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(String apiKey) {
        return new ConnectorKit(new VirusTotalConnector(), Map.of("baseUrl", sim.url() + "/api/v3/"),
                Map.of("apiKey", apiKey));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void scanFileHashGetsTheFileWithTheKeyAndAnswersItsStatsAndAttributes() throws StepFailure {
        Map<String, Object> output = map(kit.run("scanFileHash", Map.of("hash", VirusTotalSim.EICAR_SHA256)));

        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/api/v3/files/" + VirusTotalSim.EICAR_SHA256);
        assertThat(sent.header("x-apikey")).isEqualTo(VirusTotalSim.API_KEY);
        assertThat(sent.header("accept")).isEqualTo("application/json");
        assertThat(sent.body()).isEmpty();

        assertThat(output).containsEntry("found", true).containsEntry("id", VirusTotalSim.EICAR_SHA256)
                .containsEntry("type", "file").containsEntry("reputation", -1123L).doesNotContainKey("error");
        assertThat(output.get("stats")).asInstanceOf(MAP).containsEntry("malicious", 62L).containsEntry("undetected", 10L);
        assertThat(output.get("attributes")).asInstanceOf(MAP).containsEntry("meaningful_name", "eicar.com")
                .containsEntry("sha1", VirusTotalSim.EICAR_SHA1);
    }

    @Test
    void anMd5InCapitalsIsSentInLowerCaseAndGetFileReportIsTheSameLookup() throws StepFailure {
        Map<String, Object> output = map(kit.run("getFileReport", Map.of("hash", " " + VirusTotalSim.EICAR_MD5.toUpperCase() + " ")));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v3/files/" + VirusTotalSim.EICAR_MD5);
        assertThat(output).containsEntry("id", VirusTotalSim.EICAR_SHA256);
    }

    @Test
    void anUnknownHashIsAnAnswerThatSaysNotFound() throws StepFailure {
        String unknown = "0".repeat(64);
        Map<String, Object> output = map(kit.run("scanFileHash", Map.of("hash", unknown)));
        assertThat(output).containsEntry("found", false).containsEntry("id", null);
        assertThat(output.get("error")).asInstanceOf(MAP).containsEntry("status", 404L)
                .containsEntry("code", "NotFoundError").containsEntry("message", "File \"" + unknown + "\" not found");
        assertThat(kit.logs()).anyMatch(l -> l.startsWith("info ") && l.contains("HTTP 404 NotFoundError"));
    }

    @Test
    void failOnErrorMakesAnyErrorFailTheStep() {
        StepFailure failure = kit.fail("scanFileHash", Map.of("hash", "0".repeat(40), "failOnError", true));
        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).contains("HTTP 404").contains("not found");
        assertThat(failure.toValue()).containsEntry("status", 404L);
    }

    @Test
    void aHashThatIsNotAHashFailsBeforeAnythingIsSent() {
        StepFailure failure = kit.fail("scanFileHash", Map.of("hash", "YOUR-API-KEY-HERE"));
        assertThat(failure.getMessage()).contains("with.hash must be an MD5, SHA-1 or SHA-256 hash")
                .contains("YOUR-API-KEY-HERE");
        assertThat(kit.fail("scanFileHash", Map.of()).getMessage()).contains("with.hash is required");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void getIpReportAnswersReputationAndCountryAtTheTopAsTheCorpusReadsThem() throws StepFailure {
        Map<String, Object> output = map(kit.run("getIpReport", Map.of("ip", "8.8.8.8")));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v3/ip_addresses/8.8.8.8");
        assertThat(output).containsEntry("id", "8.8.8.8").containsEntry("reputation", 542L).containsEntry("country", "US");
        assertThat(output.get("attributes")).asInstanceOf(MAP).containsEntry("asn", 15169L).containsEntry("as_owner", "GOOGLE");
        assertThat(output.get("stats")).asInstanceOf(MAP).containsEntry("harmless", 64L);
    }

    @Test
    void ipv6IsSentInItsCanonicalFormAndANameIsRefused() throws StepFailure {
        kit.run("getIpReport", Map.of("ipAddress", "2001:DB8:0:0::1"));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v3/ip_addresses/2001:db8::1");

        sim.clearRequests();
        assertThat(kit.fail("getIpReport", Map.of("ip", "dns.google")).getMessage())
                .contains("with.ip must be an IPv4 or IPv6 address, got 'dns.google'");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void scanUrlOfADomainLooksTheDomainUp() throws StepFailure {
        Map<String, Object> output = map(kit.run("scanUrl", Map.of("url", VirusTotalSim.BAD_DOMAIN)));
        assertThat(sim.requests()).hasSize(1);
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v3/domains/" + VirusTotalSim.BAD_DOMAIN);
        assertThat(output).containsEntry("id", VirusTotalSim.BAD_DOMAIN).containsEntry("type", "domain")
                .containsEntry("reputation", -15L);
        assertThat(output.get("stats")).asInstanceOf(MAP).containsEntry("malicious", 9L);
        assertThat(output.get("attributes")).asInstanceOf(MAP).containsEntry("registrar", "NameCheap, Inc.")
                .containsKey("last_dns_records");
    }

    @Test
    void scanUrlOfAnUnknownDomainAnswersStatus404() throws StepFailure {
        Map<String, Object> output = map(kit.run("scanUrl", Map.of("url", "never-seen.example.com")));
        assertThat(output).containsEntry("found", false);
        assertThat(output.get("error")).asInstanceOf(MAP).containsEntry("status", 404L);
    }

    @Test
    void scanUrlOfAUrlSubmitsItAndAnswersTheQueuedAnalysis() throws StepFailure {
        String url = "https://login-verify.example.net/owa/?user=a@b.example";
        Map<String, Object> output = map(kit.run("scanUrl", Map.of("url", url)));

        assertThat(sim.requests()).hasSize(2);
        Simulator.Request submit = sim.requests().getFirst();
        assertThat(submit.method()).isEqualTo("POST");
        assertThat(submit.path()).isEqualTo("/api/v3/urls");
        assertThat(submit.header("content-type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(submit.header("x-apikey")).isEqualTo(VirusTotalSim.API_KEY);
        assertThat(submit.form()).containsExactly(Map.entry("url", url));
        String analysisId = (String) output.get("id");
        assertThat(analysisId).startsWith("u-").endsWith("-1767225600");
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v3/analyses/" + analysisId);

        assertThat(output).containsEntry("type", "analysis").containsEntry("status", "queued").containsEntry("url", url);
        assertThat(output.get("stats")).asInstanceOf(MAP).containsEntry("malicious", 0L);

        sim.clearRequests();
        Map<String, Object> polled = map(kit.run("getAnalysisResults", Map.of("id", analysisId)));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v3/analyses/" + analysisId);
        assertThat(polled).containsEntry("status", "queued");
    }

    @Test
    void scanUrlRefusesAnIpAddress() {
        assertThat(kit.fail("scanUrl", Map.of("url", "203.0.113.7")).getMessage()).contains("getIpReport");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void getUrlReportAsksForTheBase64UrlIdWithoutPadding() throws StepFailure {
        Map<String, Object> output = map(kit.run("getUrlReport", Map.of("url", VirusTotalSim.KNOWN_URL)));
        String id = sim.lastRequest().path().substring("/api/v3/urls/".length());
        assertThat(id).isEqualTo(VirusTotalSim.urlId(VirusTotalSim.KNOWN_URL)).doesNotContain("=", "+", "/");
        assertThat(output.get("stats")).asInstanceOf(MAP).containsEntry("malicious", 7L);
        assertThat(output.get("attributes")).asInstanceOf(MAP).containsEntry("title", "Sign in to your account");
    }

    @Test
    void getDomainReportNormalisesTheName() throws StepFailure {
        Map<String, Object> output = map(kit.run("getDomainReport", Map.of("domain", "Example.ORG.")));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v3/domains/example.org");
        assertThat(output.get("stats")).asInstanceOf(MAP).containsEntry("malicious", 0L);
        assertThat(kit.fail("getDomainReport", Map.of("domain", "not a domain")).getMessage())
                .contains("with.domain must be a domain name");
    }

    @Test
    void getAnalysisResultsReadsOtherResourceTypes() throws StepFailure {
        kit.run("getAnalysisResults", Map.of("id", VirusTotalSim.EICAR_SHA256, "resourceType", "file"));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v3/files/" + VirusTotalSim.EICAR_SHA256);
        kit.run("getAnalysisResults", Map.of("id", VirusTotalSim.KNOWN_URL, "resourceType", "url"));
        assertThat(sim.lastRequest().path()).isEqualTo("/api/v3/urls/" + VirusTotalSim.urlId(VirusTotalSim.KNOWN_URL));
        assertThat(kit.fail("getAnalysisResults", Map.of("id", "x", "resourceType", "thing")).getMessage())
                .contains("with.resourceType must be one of analysis, url, domain, ip, file");
    }

    @Test
    void quotaExceededIsRetriedAfterOneSecondSinceVirusTotalSendsNoRetryAfter() throws StepFailure {
        sim.rateLimitNext(1, 0);
        long start = System.nanoTime();
        Map<String, Object> output = map(kit.run("getIpReport", Map.of("ip", "8.8.8.8")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.requests()).hasSize(2);
        assertThat(output).containsEntry("found", true);
    }

    @Test
    void quotaStillExceededWhenTheStepHasNoTimeLeftIsAnAnswerWithStatus429() throws StepFailure {
        sim.rateLimitNext(5, 0);
        // the first back-off (1 s) fits in 1.5 s, the second (2 s) does not: the step stops waiting
        Map<String, Object> output = map(kit.remaining(Duration.ofMillis(1500))
                .run("scanFileHash", Map.of("hash", VirusTotalSim.EICAR_SHA256)));
        assertThat(sim.requests()).hasSize(2);
        assertThat(output).doesNotContainKey("found").containsEntry("id", null);
        assertThat(output.get("error")).asInstanceOf(MAP).containsEntry("status", 429L)
                .containsEntry("code", "QuotaExceededError").containsEntry("message", "Quota exceeded")
                .containsEntry("retryAfterSeconds", 2L);
        assertThat(kit.logs()).anyMatch(l -> l.startsWith("warn ") && l.contains("HTTP 429 QuotaExceededError"));
    }

    @Test
    void aWrongKeyIsAnErrorAnswerOrAFailureWithVirusTotalsWords() throws StepFailure {
        ConnectorKit wrong = kit("not-the-key");
        Map<String, Object> output = map(wrong.run("getIpReport", Map.of("ip", "1.1.1.1")));
        assertThat(output.get("error")).asInstanceOf(MAP).containsEntry("status", 401L)
                .containsEntry("code", "WrongCredentialsError");
        assertThat(wrong.fail("getIpReport", Map.of("ip", "1.1.1.1", "failOnError", "true")).getMessage())
                .contains("HTTP 401").contains("Wrong API key").doesNotContain("not-the-key");
    }

    @Test
    void testConnectionLooksUpAnIpAndFailsOnAWrongKey() throws StepFailure {
        assertThat(kit.test()).contains("/api/v3/ip_addresses/8.8.8.8").contains("200");
        assertThat(sim.lastRequest().header("x-apikey")).isEqualTo(VirusTotalSim.API_KEY);
        try {
            kit("not-the-key").test();
            throw new AssertionError("a wrong key must fail the test");
        } catch (StepFailure failure) {
            assertThat(failure.getMessage()).contains("HTTP 401").contains("Wrong API key");
        }
    }

    @Test
    void theDefaultBaseUrlIsVirusTotals() {
        VirusTotalApi api = new VirusTotalApi(dev.vigil.connectors.ConnectorCall.start(null,
                ConnectorKit.connector("virustotal", Map.of(), Map.of("apiKey", "k")), "getIpReport", Map.of(), null,
                (l, m) -> { }, null), false);
        assertThat(api.url("files/abc")).isEqualTo("https://www.virustotal.com/api/v3/files/abc");
    }

    @Test
    void theTypeIsRegisteredUnderItsKibanaId() {
        assertThat(dev.vigil.connectors.ConnectorTypes.standard().find(".virustotal")).get().isInstanceOf(VirusTotalConnector.class);
    }

    @Test
    void anUnknownSubActionFailsNamingTheKnownOnes() {
        assertThat(kit.fail("scanFile", new HashMap<>()).getMessage()).contains("unknown sub-action 'scanFile'")
                .contains("scanFileHash");
        assertThat(new VirusTotalConnector().acceptsSubAction("scanFileHash")).isTrue();
        assertThat(new VirusTotalConnector().acceptsNoSubAction()).isFalse();
    }
}
