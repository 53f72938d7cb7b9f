package dev.vigil.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.MemoryJournal;
import dev.vigil.engine.StepExecution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Listeners hear of ended and waiting steps; one that fails is logged and never fails the save (or the run). */
class ObservedJournalTest {

    private static StepExecution step(ExecutionStatus status) {
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        return new StepExecution("s-" + status, "job-1", "triage", "triage", "decision", status, 0, 1, at,
                status.terminal() ? at.plusSeconds(1) : null, Map.of("message", "Contain?"), null, null,
                Map.of("deadline", at.plusSeconds(3600).toString()), false);
    }

    @Test
    void aFailingListenerIsLoggedAndTheOthersStillHearOfTheStep() {
        MemoryJournal store = new MemoryJournal();
        ObservedJournal journal = new ObservedJournal(store);
        List<String> heard = new ArrayList<>();
        journal.onStepEnded(s -> {
            throw new IllegalStateException("the trail's database is down");
        });
        journal.onStepEnded(s -> heard.add("ended " + s.status()));
        journal.onStepWaiting(s -> {
            throw new IllegalStateException("the trail's database is down");
        });
        journal.onStepWaiting(s -> heard.add("waiting " + s.status()));

        journal.saveStep(step(ExecutionStatus.WAITING_FOR_INPUT));
        journal.saveStep(step(ExecutionStatus.COMPLETED));
        journal.saveStep(step(ExecutionStatus.RUNNING));

        assertThat(heard).containsExactly("waiting WAITING_FOR_INPUT", "ended COMPLETED");
        assertThat(store.steps("job-1")).extracting(StepExecution::status).contains(ExecutionStatus.WAITING_FOR_INPUT,
                ExecutionStatus.COMPLETED, ExecutionStatus.RUNNING);
    }
}
