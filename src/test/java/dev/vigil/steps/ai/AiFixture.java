package dev.vigil.steps.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.Executor;
import dev.vigil.engine.LogEntry;
import dev.vigil.engine.MemoryJournal;
import dev.vigil.engine.RunRequest;
import dev.vigil.engine.StepExecution;
import dev.vigil.engine.TokenUsage;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.parse.ParseResult;
import dev.vigil.sims.OpenAiSim;
import dev.vigil.steps.BuiltinSteps;
import dev.vigil.steps.http.HttpStep;
import java.util.List;
import java.util.Map;

/**
 * Runs workflows with the AI steps through the real engine against {@link OpenAiSim}: a connector named
 * {@code openai} (the default, with the sim's key) is configured; tests add more to {@link #connectors}.
 */
final class AiFixture implements AutoCloseable {

    final OpenAiSim sim = new OpenAiSim();
    final MapConnectorLookup connectors = new MapConnectorLookup();
    final Vigil vigil = new Vigil(BuiltinSteps.standard(HttpStep.defaultClient())
            .addAll(AiSteps.definitions(() -> connectors, HttpStep.defaultClient())).build());
    final MemoryJournal journal = new MemoryJournal();
    final Executor executor = vigil.executor(EngineClock.system(), journal, WorkflowResolver.NONE);

    AiFixture() {
        connectors.add("openai", "openai", Map.of("baseUrl", sim.url() + "/v1", "model", "gpt-4o-mini",
                "default", true), Map.of("apiKey", OpenAiSim.API_KEY));
    }

    /** One finished run with its steps and logs. */
    record Run(ExecutionRecord record, List<StepExecution> steps, List<LogEntry> logs) {

        StepExecution step(String name) {
            return steps.stream().filter(s -> s.name().equals(name)).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no step " + name + " in " + steps.stream()
                            .map(StepExecution::name).toList() + "; run error " + record.error()));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> output(String name) {
            StepExecution step = step(name);
            assertThat(step.error()).as("error of step " + name).isNull();
            return (Map<String, Object>) step.output();
        }

        Map<String, Object> error(String name) {
            return step(name).error();
        }

        List<String> logLines() {
            return logs.stream().map(l -> l.level() + " " + l.message()).toList();
        }

        TokenUsage tokens() {
            return TokenUsage.of(steps);
        }
    }

    Run run(String yaml) {
        return run(yaml, Map.of());
    }

    Run run(String yaml, Map<String, Object> inputs) {
        ParseResult parsed = vigil.parser().parse(yaml);
        assertThat(parsed.problems()).as("problems in test workflow").isEmpty();
        ExecutionRecord record = executor.run(parsed.workflow(), RunRequest.manual("test", inputs, "tester"));
        return new Run(record, journal.steps(record.id()), journal.logs(record.id()));
    }

    /** The body of the n-th chat request the sim received (0 first). */
    Map<String, Object> chat(int n) {
        return sim.chats().get(n);
    }

    @Override
    public void close() {
        sim.close();
    }
}
