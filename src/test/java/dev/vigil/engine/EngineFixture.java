package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.model.Workflow;
import dev.vigil.parse.ParseResult;
import dev.vigil.steps.BuiltinSteps;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses workflows from YAML text and runs them on a manual clock with an in-memory journal. */
final class EngineFixture {

    final Vigil vigil;
    final ManualClock clock = new ManualClock();
    final MemoryJournal journal = new MemoryJournal();
    final Map<String, Workflow> library = new HashMap<>();
    final Executor executor;

    EngineFixture(StepDefinition... extra) {
        StepRegistry.Builder registry = BuiltinSteps.standard(dev.vigil.steps.http.HttpStep.defaultClient());
        for (StepDefinition d : extra) {
            registry.add(d);
        }
        vigil = new Vigil(registry.build());
        executor = new Executor(vigil.registry(), vigil.templates(), clock, journal,
                id -> Optional.ofNullable(library.get(id)));
    }

    Workflow parse(String yaml) {
        ParseResult result = vigil.parser().parse(yaml);
        assertThat(result.problems()).as("problems in test workflow").isEmpty();
        return result.workflow();
    }

    ExecutionRecord run(String yaml) {
        return run(yaml, Map.of());
    }

    ExecutionRecord run(String yaml, Map<String, Object> inputs) {
        return executor.run(parse(yaml), RunRequest.manual("test", inputs, "tester"));
    }

    List<StepExecution> steps(ExecutionRecord record) {
        return journal.steps(record.id());
    }

    StepExecution step(ExecutionRecord record, String path) {
        return steps(record).stream().filter(s -> s.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no step at " + path + " in " + steps(record).stream()
                        .map(StepExecution::path).toList()));
    }

    Object output(ExecutionRecord record, String path) {
        return step(record, path).output();
    }
}
