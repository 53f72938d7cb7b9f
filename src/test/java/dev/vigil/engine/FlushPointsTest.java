package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.steps.BuiltinSteps;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.http.HttpStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A journal may buffer records; the executor must flush before a step that reaches outside starts and right
 * after it ends, so that after a crash only that step can run again.
 */
class FlushPointsTest {

    private final List<String> events = new ArrayList<>();

    /** Records the order of writes, flushes and outside calls. */
    private final class RecordingJournal implements ExecutionJournal {
        private final MemoryJournal inner = new MemoryJournal();

        public void saveExecution(ExecutionRecord e) {
            inner.saveExecution(e);
            events.add("execution " + e.status().wire());
        }

        public Optional<ExecutionRecord> execution(String id) {
            return inner.execution(id);
        }

        public void saveStep(StepExecution s) {
            inner.saveStep(s);
            events.add("step " + s.name() + " " + s.status().wire());
        }

        public List<StepExecution> steps(String id) {
            return inner.steps(id);
        }

        public void log(String id, LogEntry entry) {
            inner.log(id, entry);
        }

        public List<LogEntry> logs(String id) {
            return inner.logs(id);
        }

        @Override
        public void flush() {
            events.add("flush");
        }
    }

    @Test
    void stepsThatReachOutsideAreCommittedBeforeAndAfterTheCall() {
        StepDefinition outside = StepDefinition.of("test.outside", "calls out", call -> {
            events.add("CALL");
            return Map.of();
        }).asExternal();
        Vigil vigil = new Vigil(BuiltinSteps.standard(HttpStep.defaultClient()).add(outside).build());
        Executor executor = vigil.executor(new ManualClock(), new RecordingJournal(), WorkflowResolver.NONE);
        var workflow = vigil.parser().parse("""
                name: flush
                triggers: [{type: manual}]
                steps:
                  - {name: a, type: data.set, with: {x: 1}}
                  - {name: b, type: test.outside}
                  - {name: c, type: console, with: {message: done}}
                """).workflow();
        executor.run(workflow, RunRequest.manual("t", Map.of(), "tester"));
        int call = events.indexOf("CALL");
        assertThat(events.subList(0, call)).endsWith("step b running", "flush");
        assertThat(events.subList(call + 1, events.size())).startsWith("step b completed", "flush");
        assertThat(events.subList(0, call)).contains("step a completed");
        assertThat(events).endsWith("execution completed");
    }
}
