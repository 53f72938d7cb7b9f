package dev.vigil.connectors.virustotal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.condition.Kql;
import dev.vigil.connectors.ConnectorKit;
import dev.vigil.model.Json;
import dev.vigil.model.Settings.LiquidLimits;
import dev.vigil.sims.VirusTotalSim;
import dev.vigil.template.TemplateEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The corpus workflows that call VirusTotal read its outputs in their own templates and conditions; those are
 * read in place from the shared corpus and evaluated against what the connector answers from the simulator.
 */
class VirusTotalCorpusReadsTest {

    static final Path CORPUS = Path.of("../shared/corpus/elastic-workflows/examples");
    static final Map<String, Object> DOCUMENTS = new java.util.concurrent.ConcurrentHashMap<>();
    final VirusTotalSim sim = new VirusTotalSim();
    final ConnectorKit kit = new ConnectorKit(new VirusTotalConnector(), Map.of("baseUrl", sim.url() + "/api/v3"),
            Map.of("apiKey", VirusTotalSim.API_KEY));
    final TemplateEngine templates = new TemplateEngine();

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void theSplunkEnrichmentCommentShowsTheIpReport() throws Exception {
        Object output = kit.run("getIpReport", Map.of("ip", "8.8.8.8"));
        Map<String, Object> step = step("integrations/splunk/splunk-enrichment-with-virustotal-and-ai-analysis.yaml",
                "add_virustotal_findings");
        String comment = templates.render((String) with(step).get("comment"), Map.of(
                "event", Map.of("alerts", List.of(Map.of("destination", Map.of("ip", "8.8.8.8")))),
                "steps", Map.of("virustotal_lookup", Map.of("output", output))), LiquidLimits.DEFAULTS);
        assertThat(comment).contains("Reputation Score: 542 | Country: US | ASN: 15169 | AS Owner: GOOGLE"
                + " | Network: 8.8.8.0/24 | Tags: [] | Malicious: 0 | Suspicious: 0 | Harmless: 64"
                + " | Community Votes - Malicious: 31, Harmless: 211");
    }

    @Test
    void theTriageConditionSeesTheMaliciousCount() throws Exception {
        String condition = (String) step("security/response/traditional-triage.yaml", "if_step").get("condition");
        Object eicar = kit.run("scanFileHash", Map.of("hash", VirusTotalSim.EICAR_SHA256));
        Object unknown = kit.run("scanFileHash", Map.of("hash", "1".repeat(64)));
        assertThat(Kql.parse(condition).matches(Map.of("steps", Map.of("SendHashtoVT", Map.of("output", eicar))),
                Instant.now())).isTrue();
        assertThat(Kql.parse(condition).matches(Map.of("steps", Map.of("SendHashtoVT", Map.of("output", unknown))),
                Instant.now())).isFalse();
    }

    @Test
    void theClickfixHashTierIsStronglyFlaggedForAKnownBadFileAndUnknownForANotFoundOne() throws Exception {
        String tier = (String) with(step("security/response/windows-clickfix-investigation.yaml",
                "normalize_global_hash_lookup")).get("reputation_tier");
        assertThat(render(tier, "lookup_hash_virustotal", kit.run("scanFileHash",
                Map.of("hash", VirusTotalSim.EICAR_SHA256)), VirusTotalSim.EICAR_SHA256).strip())
                .isEqualTo("strongly_flagged");
        assertThat(render(tier, "lookup_hash_virustotal", kit.run("scanFileHash",
                Map.of("hash", "2".repeat(64))), "2".repeat(64)).strip()).isEqualTo("unknown");
    }

    @Test
    void theClickfixDomainLookupReadsRegistrationAndDnsOrSaysNoRecord() throws Exception {
        String source = (String) step("security/response/windows-clickfix-investigation.yaml",
                "normalize_global_domain_lookup").get("source");

        Map<?, ?> bad = (Map<?, ?>) Json.parse(render(source, "lookup_domain_virustotal",
                kit.run("scanUrl", Map.of("url", VirusTotalSim.BAD_DOMAIN)), VirusTotalSim.BAD_DOMAIN));
        assertThat(bad.get("lookup_status")).isEqualTo("success");
        assertThat(bad.get("reputation_tier")).isEqualTo("strongly_flagged");
        assertThat(bad.get("malicious")).isEqualTo(9L);
        assertThat(((Map<?, ?>) bad.get("registration")).get("registrar")).isEqualTo("NameCheap, Inc.");
        assertThat(((Map<?, ?>) bad.get("passive_dns")).get("passive_ip_records")).isEqualTo(List.of("203.0.113.7"));

        Map<?, ?> unseen = (Map<?, ?>) Json.parse(render(source, "lookup_domain_virustotal",
                kit.run("scanUrl", Map.of("url", "unseen.example.com")), "unseen.example.com"));
        assertThat(unseen.get("lookup_status")).isEqualTo("no_record");
    }

    private String render(String template, String stepName, Object output, String item) throws Exception {
        return templates.render(template, Map.of("steps", Map.of(stepName, Map.of("output", output)),
                "foreach", Map.of("item", item), "variables", Map.of("original_time", "2026-01-01T00:00:00Z")),
                LiquidLimits.DEFAULTS);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> with(Map<String, Object> step) {
        return (Map<String, Object>) step.get("with");
    }

    /** The step named {@code name} anywhere in the corpus file (nested steps included). */
    static Map<String, Object> step(String file, String name) throws Exception {
        Object doc = DOCUMENTS.get(file);
        if (doc == null) {
            doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(CORPUS.resolve(file)));
            DOCUMENTS.put(file, doc);
        }
        Map<String, Object> found = find(doc, name);
        assertThat(found).as("step " + name + " in " + file).isNotNull();
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> find(Object node, String name) {
        if (node instanceof Map<?, ?> map) {
            if (name.equals(map.get("name")) && map.containsKey("type")) {
                return (Map<String, Object>) map;
            }
            for (Object value : map.values()) {
                Map<String, Object> found = find(value, name);
                if (found != null) {
                    return found;
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object value : list) {
                Map<String, Object> found = find(value, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
