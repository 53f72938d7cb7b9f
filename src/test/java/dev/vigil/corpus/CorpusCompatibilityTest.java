package dev.vigil.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.alert.AlertEvents;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Executor;
import dev.vigil.engine.ManualClock;
import dev.vigil.engine.MemoryJournal;
import dev.vigil.engine.RunRequest;
import dev.vigil.model.Json;
import dev.vigil.model.Trigger;
import dev.vigil.model.Workflow;
import dev.vigil.parse.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared corpus of workflows written by others for Kibana, read in place from
 * {@code ../shared/corpus/elastic-workflows}: every file must validate with no problem, and run offline (no
 * outside system reached; alert-triggered ones with a sample endpoint alert) to a terminal status or to waiting
 * for a person, with no engine error.
 */
class CorpusCompatibilityTest {

    static final Path CORPUS = Path.of("..", "shared", "corpus", "elastic-workflows");
    static List<Path> files;
    static final Vigil VIGIL = Vigil.standard();

    @BeforeAll
    static void findCorpus() throws IOException {
        assertThat(CORPUS).as("the shared corpus beside the checkout").isDirectory();
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(78);
    }

    @Test
    void everyCorpusWorkflowValidatesWithoutProblems() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            ParseResult result = VIGIL.parser().parse(Files.readString(file));
            result.problems().forEach(p -> failures.add(p.format(CORPUS.relativize(file).toString())));
        }
        System.out.println("corpus validation: " + files.size() + " files, " + failures.size() + " problems");
        failures.forEach(System.out::println);
        assertThat(failures).as("validation problems in the corpus").isEmpty();
    }

    @Test
    void everyCorpusWorkflowRunsOfflineToAnEndWithoutEngineErrors() throws IOException {
        Map<String, Workflow> byName = new LinkedHashMap<>();
        Map<Path, Workflow> parsed = new LinkedHashMap<>();
        for (Path file : files) {
            ParseResult result = VIGIL.parser().parse(Files.readString(file));
            if (result.workflow() != null) {
                parsed.put(file, result.workflow());
                byName.put(result.workflow().name(), result.workflow());
                byName.put(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""), result.workflow());
            }
        }
        Object alert = Json.parse(Files.readString(Path.of("src/test/resources/events/endpoint-alert.json")));
        List<String> engineErrors = new ArrayList<>();
        Map<ExecutionStatus, Integer> tally = new LinkedHashMap<>();
        for (var entry : parsed.entrySet()) {
            String label = CORPUS.relativize(entry.getKey()).toString();
            Workflow workflow = entry.getValue();
            MemoryJournal journal = new MemoryJournal();
            Executor executor = VIGIL.executor(new ManualClock(), journal, id -> Optional.ofNullable(byName.get(id)));
            RunRequest request = request(label, workflow, alert);
            ExecutionRecord record;
            try {
                record = executor.runInProcess(workflow, request);
            } catch (RuntimeException e) {
                engineErrors.add(label + ": engine threw " + e);
                continue;
            }
            tally.merge(record.status(), 1, Integer::sum);
            String verdict = record.status().wire() + (record.error() == null ? "" : " — " + record.error().get("type")
                    + ": " + record.error().get("message"));
            System.out.println("corpus run: " + label + ": " + verdict);
            boolean ended = record.status().terminal() || record.status() == ExecutionStatus.WAITING_FOR_INPUT;
            if (!ended) {
                engineErrors.add(label + ": did not end: " + verdict);
            }
            journal.steps(record.id()).stream().filter(s -> s.error() != null && isEngineError(s.error()))
                    .forEach(s -> engineErrors.add(label + ": step " + s.path() + ": " + s.error()));
        }
        System.out.println("corpus runs: " + parsed.size() + " workflows, by status " + tally);
        engineErrors.forEach(System.out::println);
        assertThat(engineErrors).as("engine errors while running the corpus offline").isEmpty();
        assertThat(parsed).hasSameSizeAs(files);
    }

    /** Errors that come from Vigil rather than from the workflow's (stand-in) data. */
    static boolean isEngineError(Map<String, Object> error) {
        String type = String.valueOf(error.get("type"));
        String message = String.valueOf(error.get("message"));
        return type.equals("TemplateError") || type.equals("ConnectorNotConfigured")
                || message.startsWith("Syntax error in condition") || message.startsWith("Invalid condition type")
                || message.contains("java.") || message.contains("Exception");
    }

    static RunRequest request(String label, Workflow workflow, Object alert) {
        Map<String, Object> inputs = sampleInputs(workflow.inputs());
        RunRequest request = new RunRequest(label, inputs, null, "manual", "corpus-test", true, null, null, true, null);
        if (workflow.trigger(Trigger.Alert.class).isPresent()) {
            return request.withEvent(AlertEvents.from(alert), "alert");
        }
        return request.withEvent(Map.of("spaceId", "default", "inputs", inputs), "manual");
    }

    /** A plausible value for every declared input that has no default. */
    static Map<String, Object> sampleInputs(Map<String, Object> schema) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
            return inputs;
        }
        properties.forEach((key, raw) -> {
            String name = String.valueOf(key);
            Map<?, ?> property = raw instanceof Map<?, ?> m ? m : Map.of();
            if (property.containsKey("default")) {
                return;
            }
            inputs.put(name, sample(name.toLowerCase(Locale.ROOT), property));
        });
        return inputs;
    }

    private static Object sample(String name, Map<?, ?> property) {
        if (property.get("enum") instanceof List<?> options && !options.isEmpty()) {
            return options.getFirst();
        }
        return switch (String.valueOf(property.get("type"))) {
            case "number", "integer" -> 1L;
            case "boolean" -> true;
            case "array" -> List.of("sample");
            case "object" -> new LinkedHashMap<>();
            default -> name.contains("ip") ? "185.220.101.47"
                    : name.contains("hash") || name.contains("sha") ? "de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c"
                    : name.contains("url") ? "https://cdn-update.example-bad.net/payload.bin"
                    : name.contains("domain") ? "example-bad.net"
                    : name.contains("email") ? "jdoe@example.com"
                    : name.contains("date") || name.contains("time") ? "2026-11-23T09:41:07Z"
                    : "sample-" + name;
        };
    }
}
