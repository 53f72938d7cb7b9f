package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.engine.ManualClock;
import dev.vigil.model.Json;
import dev.vigil.model.Trigger;
import dev.vigil.model.Values;
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

    /**
     * Runs every file through the {@code run} command itself ({@code --offline --json}, sample inputs, the sample
     * alert for alert-triggered workflows), with a clock that jumps over waits instead of sleeping.
     */
    @Test
    void everyCorpusWorkflowRunsOfflineThroughTheCliToAnEndWithoutEngineErrors() throws IOException {
        Path alert = Path.of("src/test/resources/events/endpoint-alert.json");
        List<String> engineErrors = new ArrayList<>();
        Map<String, Integer> tally = new LinkedHashMap<>();
        for (Path file : files) {
            String label = CORPUS.relativize(file).toString();
            Workflow workflow = VIGIL.parser().parse(Files.readString(file)).workflow();
            List<String> args = new ArrayList<>(List.of(file.toString(), "--offline", "--json",
                    "--inputs", Json.write(CorpusSamples.inputs(workflow.inputs()))));
            if (workflow.trigger(Trigger.Alert.class).isPresent()) {
                args.addAll(List.of("--event", alert.toString()));
            }
            RunCommand command = new RunCommand();
            command.clock = new ManualClock();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.PrintStream original = System.out;
            int exit;
            try {
                System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
                exit = new picocli.CommandLine(command).execute(args.toArray(String[]::new));
            } finally {
                System.setOut(original);
            }
            if (exit != 0 && exit != 1 && exit != 3) {
                engineErrors.add(label + ": exit " + exit);
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) Json.parse(out.toString(java.nio.charset.StandardCharsets.UTF_8));
            String status = String.valueOf(record.get("status"));
            tally.merge(status, 1, Integer::sum);
            Object error = record.get("error");
            System.out.println("corpus run: " + label + ": exit " + exit + ", " + status
                    + (error instanceof Map<?, ?> e ? " — " + e.get("type") + ": " + e.get("message") : ""));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> steps = (List<Map<String, Object>>) record.get("steps");
            for (Map<String, Object> step : steps) {
                if (step.get("error") instanceof Map<?, ?> e && CorpusSamples.isEngineError(Values.normalizeMap(e))) {
                    engineErrors.add(label + ": step " + step.get("path") + ": " + e);
                }
            }
        }
        System.out.println("corpus runs: " + files.size() + " workflows through `vigil run --offline`, by status " + tally);
        engineErrors.forEach(System.out::println);
        assertThat(engineErrors).as("engine errors while running the corpus offline").isEmpty();
        assertThat(tally.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(files.size());
    }
}
