package dev.vigil.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Executor;
import dev.vigil.engine.ManualClock;
import dev.vigil.engine.RunRequest;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.model.Workflow;
import dev.vigil.store.JdbcJobStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intake on a real store: what it accepts is committed, what it refuses leaves nothing behind. */
class IntakeTest {

    private static final String SOURCE = """
            name: Enrich host
            triggers:
              - type: manual
                inputs:
                  - name: host
                    type: string
                    required: true
            steps:
              - name: note
                type: console
                with:
                  message: "{{ inputs.host }}"
            """;

    @TempDir
    Path dir;

    private JdbcJobStore store;
    private Intake intake;
    private Workflow workflow;
    private int wakes;

    @BeforeEach
    void open() {
        Vigil vigil = Vigil.standard();
        ManualClock clock = new ManualClock();
        store = JdbcJobStore.open("jdbc:sqlite:" + dir.resolve("vigil.db"));
        Executor executor = vigil.executor(clock, store, WorkflowResolver.NONE);
        intake = new Intake(store, executor, clock, 3, () -> wakes++);
        workflow = vigil.parser().parse(SOURCE).workflow();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ExecutionRecord submit(Map<String, Object> inputs) {
        return intake.submit(workflow, SOURCE, RunRequest.manual("enrich", inputs, "analyst"));
    }

    @Test
    void anAcceptedRunIsCommittedPendingWithItsWorkflowTextAndWakesTheWorkers() {
        ExecutionRecord accepted = submit(Map.of("host", "wks-1"));

        JdbcJobStore reopened = JdbcJobStore.open("jdbc:sqlite:" + dir.resolve("vigil.db"));
        try {
            assertThat(reopened.execution(accepted.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.PENDING);
            assertThat(reopened.workflowSource(accepted.id())).isEqualTo(SOURCE);
        } finally {
            reopened.close();
        }
        assertThat(wakes).isEqualTo(1);
    }

    @Test
    void whenTheBacklogIsFullIntakeRefusesWithRetryAfterAndStoresNothing() {
        for (int i = 0; i < 3; i++) {
            submit(Map.of("host", "wks-" + i));
        }

        assertThatThrownBy(() -> submit(Map.of("host", "one too many")))
                .isInstanceOfSatisfying(Saturated.class, e -> {
                    assertThat(e.getMessage()).contains("3 executions are waiting to start (limit 3)");
                    assertThat(e.retryAfter().toSeconds()).isPositive();
                });
        assertThat(store.count(ExecutionStatus.PENDING)).isEqualTo(3);
    }

    @Test
    void invalidInputsAreRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> submit(Map.of()))
                .isInstanceOf(Executor.InvalidInputs.class)
                .hasMessageContaining("host");
        assertThat(store.count(ExecutionStatus.values())).isZero();
        assertThat(wakes).isZero();
    }
}
