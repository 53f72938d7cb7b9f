package dev.vigil.sims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.alert.AlertEvents;
import dev.vigil.cases.CaseBinding;
import dev.vigil.cases.CaseService;
import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorLookup;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.Executor;
import dev.vigil.engine.MemoryJournal;
import dev.vigil.engine.RunRequest;
import dev.vigil.engine.StepExecution;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.model.Json;
import dev.vigil.model.Trigger;
import dev.vigil.model.Values;
import dev.vigil.model.Workflow;
import dev.vigil.steps.StepFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The corpus workflows that use Vigil's connector types, run for real (not offline) against the simulators: each
 * connector a workflow names (its placeholder ids such as {@code REPLACE_WITH_CONNECTOR_ID} included) is an
 * instance of the step's type pointing at that type's simulator. Every such workflow must reach a terminal status
 * (or wait for a person), every connector step must have reached its simulator (no "not configured" or "not found"
 * failures), and no engine error may occur.
 */
class CorpusAgainstSimulatorsTest {

    static final Path CORPUS = Path.of("..", "shared", "corpus", "elastic-workflows");
    static final ConnectorTypes TYPES = ConnectorTypes.standard();
    static final Map<String, Simulator> SIMS = new LinkedHashMap<>();
    static final Map<String, DevSims.Entry> ENTRIES = new LinkedHashMap<>();

    @BeforeAll
    static void startSimulators() {
        for (DevSims.Entry entry : DevSims.entries()) {
            if (!SIMS.containsKey(entry.type())) {
                SIMS.put(entry.type(), entry.start().get());
                ENTRIES.put(entry.type(), entry);
            }
        }
    }

    @AfterAll
    static void stopSimulators() {
        SIMS.values().forEach(Simulator::close);
    }

    /** The connector a step type would use, or null when it is no connector step Vigil has. */
    static String connectorType(String stepType) {
        int dot = stepType.indexOf('.');
        String family = dot < 0 ? stepType : stepType.substring(0, dot);
        return TYPES.find(family).map(ConnectorType::id).filter(SIMS::containsKey).orElse(null);
    }

    @Test
    void corpusWorkflowsUsingVigilsConnectorsRunAgainstTheSimulators() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        CaseBinding cases = new CaseBinding();
        cases.bind(new CaseService(new dev.vigil.cases.MemoryCaseStore(), Instant::now));
        List<String> problems = new ArrayList<>();
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        int ran = 0;
        for (Path file : files) {
            String source = Files.readString(file);
            Map<String, String> connectorsByName = new LinkedHashMap<>();
            Set<String> typesUsed = new LinkedHashSet<>();
            walk(new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                    .loadFromString(source), connectorsByName, typesUsed);
            if (typesUsed.isEmpty() || typesUsed.stream().anyMatch(t -> t.startsWith("unsupported:"))) {
                continue;   // no connector of Vigil's, or also one Vigil does not ship (GitHub, Zoom ...): out of scope
            }
            String label = CORPUS.relativize(file).toString();
            FileConnectors lookup = new FileConnectors(connectorsByName);
            Vigil running = new Vigil(registry(cases, lookup));
            Workflow workflow = running.parser().parse(source).workflow();
            if (workflow == null) {
                problems.add(label + ": does not parse");
                continue;
            }
            MemoryJournal journal = new MemoryJournal();
            Executor executor = running.executor(new dev.vigil.engine.ManualClock(), journal, WorkflowResolver.NONE);
            Map<String, Object> inputs = dev.vigil.cli.CorpusSamples.inputs(workflow.inputs());
            RunRequest request = RunRequest.manual(label, inputs, "corpus");
            if (workflow.trigger(Trigger.Alert.class).isPresent()) {
                request = request.withEvent(AlertEvents.from(Json.parse(Files.readString(
                        Path.of("src/test/resources/events/endpoint-alert.json")))), "alert");
            } else {
                request = request.withEvent(Map.of("spaceId", "default", "inputs", inputs), "manual");
            }
            ExecutionRecord record = executor.run(workflow, request);
            ran++;
            String status = record.status().name().toLowerCase();
            byStatus.merge(status, 1, Integer::sum);
            System.out.println("corpus against simulators: " + label + " (" + typesUsed + "): " + status
                    + (record.error() == null ? "" : " — " + record.error()));
            for (StepExecution step : journal.steps(record.id())) {
                if (step.error() instanceof Map<?, ?> e) {
                    Map<String, Object> error = Values.normalizeMap(e);
                    String type = String.valueOf(error.get("type"));
                    if (type.equals("ConnectorNotConfigured") || type.equals("ConnectorNotFound")
                            || dev.vigil.cli.CorpusSamples.isEngineError(error)) {
                        problems.add(label + ": step " + step.path() + ": " + error);
                    }
                }
            }
        }
        System.out.println("corpus against simulators: " + ran + " workflows, by status " + byStatus);
        problems.forEach(System.out::println);
        assertThat(ran).as("corpus workflows that use Vigil's connectors").isGreaterThanOrEqualTo(10);
        assertThat(problems).isEmpty();
        assertThat(byStatus.keySet()).as("terminal or waiting for a person")
                .isSubsetOf(Set.of("completed", "failed", "cancelled", "timed_out", "waiting"));
    }

    /** What {@code Vigil.forServer} builds, on this file's connectors. */
    private static dev.vigil.steps.StepRegistry registry(CaseBinding cases, FileConnectors lookup) {
        java.net.http.HttpClient http = LoopbackOnly.client(); // the corpus's full URLs must not leave the machine
        return dev.vigil.steps.BuiltinSteps.standard(http, new dev.vigil.connectors.ConnectorHttpTargets(() -> lookup, http))
                .addAll(dev.vigil.steps.cases.CaseSteps.definitions(cases))
                .addAll(dev.vigil.steps.ai.AiSteps.definitions(() -> lookup, http))
                .connectors(dev.vigil.connectors.ConnectorSteps.dispatcher(() -> lookup, TYPES, http))
                .build();
    }

    /** Finds every step with a connector type of Vigil's, and the connector-id each names. */
    private static void walk(Object node, Map<String, String> connectorsByName, Set<String> typesUsed) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("type") instanceof String type && map.containsKey("name")) {
                String connectorType = type.equals("http") && map.get("connector-id") != null ? "http"
                        : type.startsWith("ai.") ? "openai" : connectorType(type);
                if (connectorType == null && map.get("connector-id") != null && !type.startsWith("ai.")) {
                    typesUsed.add("unsupported:" + type);
                }
                if (connectorType != null) {
                    typesUsed.add(connectorType);
                    if (map.get("connector-id") instanceof String id) {
                        connectorsByName.put(id.strip(), connectorType);
                    }
                }
            }
            map.values().forEach(v -> walk(v, connectorsByName, typesUsed));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> walk(v, connectorsByName, typesUsed));
        }
    }

    /** The connectors of one corpus file: each name it uses, an instance of its step's type on that simulator. */
    record FileConnectors(Map<String, String> typeByName) implements ConnectorLookup {
        @Override
        public Connector find(String idOrName) throws StepFailure {
            String type = typeByName.get(idOrName);
            if (type == null) {
                throw new StepFailure("ConnectorNotFound", "the corpus file names no connector '" + idOrName + "'", null);
            }
            return connector(idOrName, type);
        }

        @Override
        public Connector defaultOf(String type) throws StepFailure {
            String id = TYPES.find(type).map(ConnectorType::id).orElse(type);
            if (!SIMS.containsKey(id)) {
                throw new StepFailure("ConnectorNotFound", "no simulator for " + id + " among " + SIMS.keySet(), null);
            }
            return connector("default-" + id, id);
        }

        private static Connector connector(String name, String type) {
            DevSims.Entry entry = ENTRIES.get(type);
            Instant now = Instant.now();
            return new Connector(name, name, type, entry.config().apply(SIMS.get(type).url()), entry.secrets(), "test",
                    now, now, 1);
        }
    }
}
