package dev.vigil.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.sims.PagerDutySim;
import dev.vigil.sims.ServiceNowSim;
import dev.vigil.steps.StepFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The corpus's PagerDuty, ServiceNow and Jira connector steps, read from the shared corpus in place: every one names
 * a sub-action of a registered type, and each runs against its simulator with exactly the {@code with} keys the
 * corpus writes (their template values replaced by sample ones), giving the output shape the corpus's next steps
 * read ({@code output.response}, {@code output.result}, {@code output.base64} ...).
 */
class ItsmCorpusStepsTest {

    static final Path CORPUS = Path.of("..", "shared", "corpus", "elastic-workflows");
    static final Set<String> PREFIXES = Set.of("pagerduty", "pagerduty_mcp", "jira", "jira-cloud", "servicenow",
            "servicenow-itsm", "servicenow-sir", "servicenow_search");

    record CorpusStep(String file, String prefix, String subAction, Map<String, Object> with) {
    }

    static List<CorpusStep> corpusSteps() throws IOException {
        List<CorpusStep> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CORPUS)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Object yaml = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
                collect(CORPUS.relativize(file).toString(), yaml, found);
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    static void collect(String file, Object node, List<CorpusStep> found) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("type") instanceof String type && type.contains(".")
                    && PREFIXES.contains(type.substring(0, type.indexOf('.')))) {
                Object with = map.get("with");
                found.add(new CorpusStep(file, type.substring(0, type.indexOf('.')),
                        type.substring(type.indexOf('.') + 1),
                        with instanceof Map<?, ?> w ? (Map<String, Object>) w : Map.of()));
            }
            map.values().forEach(v -> collect(file, v, found));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(file, v, found));
        }
    }

    /** The corpus's templated values replaced by samples the simulators know, key by key. */
    static Map<String, Object> sampled(CorpusStep step, Map<String, Object> samples) {
        Map<String, Object> params = new LinkedHashMap<>();
        step.with().forEach((key, value) -> {
            assertThat(samples).as("a sample for with." + key + " of " + step.prefix() + "." + step.subAction()
                    + " in " + step.file()).containsKey(key);
            params.put(key, samples.get(key));
        });
        return params;
    }

    @Test
    void everyCorpusStepNamesASubActionOfARegisteredType() throws IOException {
        List<CorpusStep> steps = corpusSteps();
        assertThat(steps).as("PagerDuty and ServiceNow steps in the corpus").hasSizeGreaterThanOrEqualTo(14);
        ConnectorTypes types = ConnectorTypes.standard();
        for (CorpusStep step : steps) {
            ConnectorType type = types.find(step.prefix()).orElseThrow(() -> new AssertionError(step.prefix()));
            assertThat(type.acceptsSubAction(step.subAction())).as(step.prefix() + "." + step.subAction() + " in "
                    + step.file()).isTrue();
        }
    }

    @Test
    void theCorpusPagerDutyStepsRunWithTheirOwnParams() throws IOException, StepFailure {
        Map<String, Object> samples = new HashMap<>();
        samples.put("schedule_id", "PSCH001");
        samples.put("incident_id", "PINC001");
        samples.put("policy_id", "PEP001");
        samples.put("team_id", "PTEAM01");
        samples.put("limit", 20L);
        samples.put("query", "");
        samples.put("include", null);
        samples.put("user_ids", null);
        samples.put("team_ids", null);
        samples.put("schedule_ids", List.of("PSCH001"));
        samples.put("escalation_policy_ids", null);
        samples.put("since", "");
        samples.put("until", "");
        samples.put("time_zone", "");
        samples.put("earliest", null);
        try (PagerDutySim sim = new PagerDutySim()) {
            ConnectorKit kit = new ConnectorKit(ConnectorTypes.standard().find("pagerduty_mcp").orElseThrow(),
                    Map.of("baseUrl", sim.url()), Map.of("apiToken", PagerDutySim.API_TOKEN));
            int ran = 0;
            for (CorpusStep step : corpusSteps()) {
                if (!step.prefix().equals("pagerduty_mcp")) {
                    continue;
                }
                Map<?, ?> output = (Map<?, ?>) kit.run(step.subAction(), sampled(step, samples));
                if (step.subAction().startsWith("list")) {
                    assertThat(output.get("response")).as(step.subAction()).isInstanceOf(List.class);
                    assertThat((List<?>) output.get("response")).as(step.subAction()).isNotEmpty();
                } else {
                    assertThat(output.get("id")).as(step.subAction()).isIn("PSCH001", "PINC001", "PEP001", "PTEAM01");
                }
                ran++;
            }
            assertThat(ran).isGreaterThanOrEqualTo(11);
        }
    }

    @Test
    void theCorpusServiceNowStepsRunWithTheirOwnParams() throws IOException, StepFailure {
        try (ServiceNowSim sim = new ServiceNowSim()) {
            Map<String, Object> incident = sim.insert("incident", new HashMap<>(Map.of("short_description", "Phishing",
                    "work_notes", "Mail quarantined")));
            String recordId = String.valueOf(incident.get("sys_id"));
            String attachment = sim.attach("incident", recordId, "mail.eml", "message/rfc822", "From: a@example.com");
            ConnectorKit kit = new ConnectorKit(ConnectorTypes.standard().find("servicenow_search").orElseThrow(),
                    Map.of("baseUrl", sim.url(), "username", ServiceNowSim.USER),
                    Map.of("password", ServiceNowSim.PASSWORD));
            int ran = 0;
            for (CorpusStep step : corpusSteps()) {
                if (!step.prefix().equals("servicenow_search")) {
                    continue;
                }
                Map<String, Object> samples = new HashMap<>();
                samples.put("table", "incident");
                samples.put("tableName", "incident");
                samples.put("sysId", step.subAction().equals("getAttachment") ? attachment : recordId);
                samples.put("recordSysId", recordId);
                samples.put("fields", "number,short_description");
                samples.put("limit", 20L);
                @SuppressWarnings("unchecked")
                Map<String, Object> output = (Map<String, Object>) kit.run(step.subAction(), sampled(step, samples));
                switch (step.subAction()) {
                    case "getRecord" -> assertThat(((Map<?, ?>) output.get("result")).get("number"))
                            .isEqualTo(incident.get("number"));
                    case "getComments" -> assertThat((List<?>) output.get("result")).hasSize(1);
                    case "getAttachment" -> assertThat(output).containsEntry("fileName", "mail.eml")
                            .containsEntry("contentType", "message/rfc822").containsKey("base64");
                    default -> throw new AssertionError("no check for servicenow_search." + step.subAction());
                }
                ran++;
            }
            assertThat(ran).isEqualTo(3);
        }
    }
}
