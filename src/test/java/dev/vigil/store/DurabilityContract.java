package dev.vigil.store;

import static dev.vigil.store.Fixtures.SOURCE;
import static dev.vigil.store.Fixtures.T0;
import static dev.vigil.store.Fixtures.as;
import static dev.vigil.store.Fixtures.finished;
import static dev.vigil.store.Fixtures.logLine;
import static dev.vigil.store.Fixtures.map;
import static dev.vigil.store.Fixtures.pending;
import static dev.vigil.store.Fixtures.step;
import static dev.vigil.store.Fixtures.withValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.LogEntry;
import dev.vigil.engine.StepExecution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What survives a restart, sources, counts, schedule slots, a closed store, and many writers at once. */
interface DurabilityContract extends StoreFixture {

    @Test
    default void everythingWrittenSurvivesCloseAndReopen() {
        ExecutionRecord execution = withValues(created("wf", T0), map("alert", "a".repeat(6_000)), null);
        store().saveExecution(execution);
        StepExecution step = finished(step(execution.id(), "a", ExecutionStatus.RUNNING, 0, T0),
                ExecutionStatus.COMPLETED, T0.plusSeconds(1), map("n", 1L));
        store().saveStep(step); // buffered: close() must commit it
        store().log(execution.id(), logLine(T0, "buffered line"));
        store().answer(execution.id(), "ask", Map.of("approved", true), "alice", T0);
        store().claimSlot("wf", T0, "node-a");
        store().close();

        JdbcJobStore reopened = openAnother();
        assertThat(reopened.execution(execution.id())).contains(execution);
        assertThat(reopened.steps(execution.id())).containsExactly(step);
        assertThat(reopened.logs(execution.id())).containsExactly(logLine(T0, "buffered line"));
        assertThat(reopened.answerFor(execution.id(), "ask")).isPresent();
        assertThat(reopened.workflowSource(execution.id())).isEqualTo(SOURCE);
        assertThat(reopened.lastSlot("wf")).contains(T0);
    }

    @Test
    default void aClosedStoreRefusesWorkClearly() {
        ExecutionRecord execution = created("wf", T0);
        store().close();
        store().close(); // closing twice is harmless
        assertThatThrownBy(() -> store().saveExecution(execution)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store().steps(execution.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store().saveStep(step(execution.id(), "a", ExecutionStatus.RUNNING, 0, T0)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    default void theWorkflowSourceIsKeptExactlyAndOncePerDistinctText() {
        ExecutionRecord a = created("wf", T0);
        ExecutionRecord b = created("wf", T0.plusSeconds(1));
        String changed = SOURCE.replace("héllo", "bye");
        ExecutionRecord c = store().create(pending("wf", T0), changed, T0, null);

        assertThat(store().workflowSource(a.id())).isEqualTo(SOURCE);
        assertThat(store().workflowSource(b.id())).isEqualTo(SOURCE);
        assertThat(store().workflowSource(c.id())).isEqualTo(changed);
        assertThat(rows("workflow_sources")).isEqualTo(2);
        assertThatThrownBy(() -> store().workflowSource("no-such-id")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no execution no-such-id");
        ExecutionRecord child = as(pending("wf", T0), ExecutionStatus.RUNNING, T0, null);
        store().saveExecution(child);
        assertThatThrownBy(() -> store().workflowSource(child.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no stored workflow source");
    }

    @Test
    default void countCountsExecutionsByStatus() {
        created("wf", T0);
        created("wf", T0);
        ExecutionRecord done = created("wf", T0);
        store().saveExecution(as(done, ExecutionStatus.COMPLETED, T0, T0));
        store().create(as(pending("wf", T0), ExecutionStatus.QUEUED, null, null), SOURCE, T0, null);

        assertThat(store().count(ExecutionStatus.PENDING)).isEqualTo(2);
        assertThat(store().count(ExecutionStatus.PENDING, ExecutionStatus.QUEUED)).isEqualTo(3);
        assertThat(store().count(ExecutionStatus.COMPLETED, ExecutionStatus.FAILED)).isEqualTo(1);
        assertThat(store().count()).isZero();
    }

    @Test
    default void aScheduleSlotIsClaimedOnceAcrossNodesAndThreads() throws Exception {
        Instant slot = T0.plusSeconds(3600);
        JdbcJobStore[] nodes = {store(), openAnother()};
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> wins = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (int t = 0; t < 16; t++) {
                JdbcJobStore node = nodes[t % 2];
                String nodeId = "node-" + t;
                wins.add(threads.submit(() -> {
                    start.await();
                    return node.claimSlot("wf", slot, nodeId);
                }));
            }
            start.countDown();
        }
        int won = 0;
        for (Future<Boolean> win : wins) {
            won += win.get() ? 1 : 0;
        }
        assertThat(won).isEqualTo(1);
        assertThat(store().claimSlot("wf", T0, "node-a")).as("an earlier slot is its own slot").isTrue();
        assertThat(store().lastSlot("wf")).as("the latest slot, not the last claimed").contains(slot);
        assertThat(store().lastSlot("other")).isEmpty();
        assertThat(store().claimSlot("other", slot, "node-a")).isTrue();
    }

    /**
     * Executions as the executor writes them, from many threads at once: every record complete afterwards. Prints
     * the rate, the figure behind the group commit (bench/RESULTS.md).
     */
    @Test
    default void manyExecutionsWrittenAtOnceAreAllComplete() throws Exception {
        int threads = 8;
        int perThread = 40;
        int stepsPerExecution = 10;
        CountDownLatch start = new CountDownLatch(1);
        long began;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        runLikeTheExecutor(stepsPerExecution);
                    }
                    return null;
                }));
            }
            began = System.nanoTime();
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        int executions = threads * perThread;
        System.out.printf("job store throughput (%s): %d executions of %d steps from %d threads in %.2f s = %.0f "
                        + "executions/s, %.0f steps/s%n", getClass().getSimpleName(), executions, stepsPerExecution,
                threads, seconds, executions / seconds, executions * stepsPerExecution / seconds);
        assertThat(store().count(ExecutionStatus.COMPLETED)).isEqualTo(executions);
        assertThat(rows("step_executions")).isEqualTo((long) executions * stepsPerExecution);
        assertThat(count("SELECT COUNT(*) FROM step_executions WHERE status <> 'completed'")).isZero();
        assertThat(rows("execution_logs")).isEqualTo((long) executions * (stepsPerExecution + 1));
    }

    /** One run's writes: saved running, each step started and finished with a log line, one outside call. */
    private void runLikeTheExecutor(int steps) {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        ExecutionRecord execution = as(pending("wf", now), ExecutionStatus.RUNNING, now, null);
        store().saveExecution(execution);
        for (int s = 0; s < steps; s++) {
            StepExecution started = step(execution.id(), "step" + s, ExecutionStatus.RUNNING, s, now);
            store().saveStep(started);
            if (s == steps / 2) {
                store().flush(); // before a step that reaches outside
            }
            store().saveStep(finished(started, ExecutionStatus.COMPLETED, now, map("n", (long) s, "ok", true)));
            store().log(execution.id(), new LogEntry(now, "info", "step" + s + " done", "step" + s, "step" + s));
        }
        store().log(execution.id(), logLine(now, "execution completed"));
        store().saveExecution(as(execution, ExecutionStatus.COMPLETED, now, now));
    }
}
