package dev.vigil.store;

import static dev.vigil.store.Fixtures.LEASE;
import static dev.vigil.store.Fixtures.SOURCE;
import static dev.vigil.store.Fixtures.T0;
import static dev.vigil.store.Fixtures.as;
import static dev.vigil.store.Fixtures.pending;
import static dev.vigil.store.Fixtures.rule;
import static dev.vigil.store.Fixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.store.JobStore.ConcurrencyRule;
import dev.vigil.store.JobStore.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code settings.concurrency}: admission, drop, queue with promotion and ttl, cancel-in-progress. */
interface ConcurrencyContract extends StoreFixture {

    private ExecutionRecord admit(String workflowId, Instant at, ConcurrencyRule rule) {
        return store().create(pending(workflowId, at), SOURCE, at, rule);
    }

    private ExecutionStatus statusOf(ExecutionRecord execution) {
        return store().execution(execution.id()).orElseThrow().status();
    }

    private void finish(ExecutionRecord execution, ExecutionStatus status, Instant at) {
        store().saveExecution(as(execution, status, execution.createdAt(), at));
    }

    @Test
    default void dropSkipsNewExecutionsWhileTheGroupIsFull() {
        ConcurrencyRule rule = rule("wf", "host-1", 1, "drop");
        ExecutionRecord first = admit("wf", T0, rule);
        ExecutionRecord dropped = admit("wf", T0.plusSeconds(1), rule);
        ExecutionRecord otherKey = admit("wf", T0.plusSeconds(1), rule("wf", "host-2", 1, "drop"));

        assertThat(first.status()).isEqualTo(ExecutionStatus.PENDING);
        assertThat(otherKey.status()).isEqualTo(ExecutionStatus.PENDING);
        assertThat(dropped.status()).isEqualTo(ExecutionStatus.SKIPPED);
        assertThat(dropped.finishedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(dropped.error()).containsEntry("type", "ConcurrencyLimit").containsEntry("message",
                "dropped: 1 execution of workflow 'wf' with concurrency key 'host-1' is already running "
                        + "(max 1, strategy drop)");
        assertThat(store().execution(dropped.id())).contains(dropped);

        finish(first, ExecutionStatus.COMPLETED, T0.plusSeconds(2));
        assertThat(admit("wf", T0.plusSeconds(3), rule).status()).isEqualTo(ExecutionStatus.PENDING);
    }

    @Test
    default void maxAdmitsThatManyAtOnce() {
        ConcurrencyRule rule = rule("wf", "k", 3, "drop");
        List<ExecutionStatus> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(admit("wf", T0.plusSeconds(i), rule).status());
        }
        assertThat(statuses).containsExactly(ExecutionStatus.PENDING, ExecutionStatus.PENDING, ExecutionStatus.PENDING,
                ExecutionStatus.SKIPPED, ExecutionStatus.SKIPPED);
    }

    @Test
    default void queueHoldsExecutionsUntilAPlaceIsFreeAndSkipsTheOverflow() {
        ConcurrencyRule rule = new ConcurrencyRule("wf", "k", 1, "queue", 2, Duration.ofHours(24));
        ExecutionRecord first = admit("wf", T0, rule);
        ExecutionRecord second = admit("wf", T0.plusSeconds(1), rule);
        ExecutionRecord third = admit("wf", T0.plusSeconds(2), rule);
        ExecutionRecord overflow = admit("wf", T0.plusSeconds(3), rule);

        assertThat(second.status()).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(third.status()).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(overflow.status()).isEqualTo(ExecutionStatus.SKIPPED);
        assertThat(overflow.error()).containsEntry("type", "ConcurrencyLimit");
        assertThat((String) overflow.error().get("message")).contains("queue", "full", "queue-size 2");
        assertThat(store().claim("node-a", 10, T0.plusSeconds(10), LEASE)).extracting(ExecutionRecord::id)
                .containsExactly(first.id());

        finish(first, ExecutionStatus.FAILED, T0.plusSeconds(20));
        assertThat(statusOf(second)).isEqualTo(ExecutionStatus.PENDING);
        assertThat(statusOf(third)).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(store().claim("node-a", 10, T0.plusSeconds(20), LEASE)).extracting(ExecutionRecord::id)
                .as("promoted: due from the moment its place freed").containsExactly(second.id());

        finish(second, ExecutionStatus.COMPLETED, T0.plusSeconds(30));
        assertThat(statusOf(third)).isEqualTo(ExecutionStatus.PENDING);
    }

    @Test
    default void aFinishedExecutionGivesItsPlaceBackOnlyOnce() {
        ConcurrencyRule rule = new ConcurrencyRule("wf", "k", 1, "queue", 10, null);
        ExecutionRecord first = admit("wf", T0, rule);
        ExecutionRecord second = admit("wf", T0.plusSeconds(1), rule);
        ExecutionRecord third = admit("wf", T0.plusSeconds(2), rule);
        finish(first, ExecutionStatus.COMPLETED, T0.plusSeconds(5));
        finish(first, ExecutionStatus.COMPLETED, T0.plusSeconds(6)); // saved twice: one place, given back once
        assertThat(statusOf(second)).isEqualTo(ExecutionStatus.PENDING);
        assertThat(statusOf(third)).isEqualTo(ExecutionStatus.QUEUED);
    }

    @Test
    default void queuedExecutionsOlderThanTheQueueTtlAreSkippedInsteadOfPromoted() {
        ConcurrencyRule rule = new ConcurrencyRule("wf", "k", 1, "queue", 10, Duration.ofHours(1));
        ExecutionRecord first = admit("wf", T0, rule);
        ExecutionRecord stale = admit("wf", T0.plus(Duration.ofMinutes(1)), rule);
        ExecutionRecord fresh = admit("wf", T0.plus(Duration.ofMinutes(50)), rule);

        Instant end = T0.plus(Duration.ofMinutes(90));
        finish(first, ExecutionStatus.COMPLETED, end);

        ExecutionRecord skipped = store().execution(stale.id()).orElseThrow();
        assertThat(skipped.status()).isEqualTo(ExecutionStatus.SKIPPED);
        assertThat(skipped.finishedAt()).isEqualTo(end);
        assertThat(skipped.error()).containsEntry("type", "QueueTimeout");
        assertThat((String) skipped.error().get("message")).contains("queue-ttl of 1h");
        assertThat(statusOf(fresh)).isEqualTo(ExecutionStatus.PENDING);
    }

    @Test
    default void cancelInProgressCancelsTheOldestRunningOnesToMakeRoom() {
        ConcurrencyRule rule = rule("wf", "k", 1, "cancel-in-progress");
        ExecutionRecord held = admit("wf", T0, rule);
        store().claim("node-a", 1, T0, LEASE);

        ExecutionRecord second = admit("wf", T0.plusSeconds(1), rule);
        assertThat(second.status()).isEqualTo(ExecutionStatus.PENDING);
        assertThat(statusOf(held)).as("held by node-a: only flagged").isEqualTo(ExecutionStatus.PENDING);
        assertThat(store().heartbeat(held.id(), "node-a", T0.plusSeconds(50))).isEqualTo(Lease.CANCEL_REQUESTED);

        store().claim("node-a", 1, T0.plusSeconds(2), LEASE);
        store().saveStep(waiting(second.id(), "ask", ExecutionStatus.WAITING_FOR_INPUT, 0, T0.plusSeconds(2)));
        store().saveExecution(as(second, ExecutionStatus.WAITING_FOR_INPUT, T0.plusSeconds(2), null));
        store().release(second.id(), "node-a", T0.plus(Duration.ofHours(24)));

        ExecutionRecord third = admit("wf", T0.plusSeconds(3), rule);
        assertThat(third.status()).isEqualTo(ExecutionStatus.PENDING);
        ExecutionRecord cancelled = store().execution(second.id()).orElseThrow();
        assertThat(cancelled.status()).as("nobody held it: cancelled at once").isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(cancelled.finishedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(store().steps(second.id())).singleElement().satisfies(step -> {
            assertThat(step.status()).isEqualTo(ExecutionStatus.CANCELLED);
            assertThat(step.finishedAt()).isEqualTo(T0.plusSeconds(3));
        });
        assertThat(statusOf(held)).as("already asked to cancel: not counted again").isEqualTo(ExecutionStatus.PENDING);
    }

    @Test
    default void cancellingAnAdmittedExecutionGivesItsPlaceToTheOldestQueued() {
        ConcurrencyRule rule = new ConcurrencyRule("wf", "k", 1, "queue", 10, Duration.ofHours(24));
        ExecutionRecord first = admit("wf", T0, rule);
        ExecutionRecord second = admit("wf", T0.plusSeconds(1), rule);
        assertThat(store().requestCancel(first.id(), T0.plusSeconds(5))).isTrue();
        assertThat(statusOf(first)).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(statusOf(second)).isEqualTo(ExecutionStatus.PENDING);
    }

    @Test
    default void cancellingAQueuedExecutionTakesItOutOfTheQueue() {
        ConcurrencyRule rule = new ConcurrencyRule("wf", "k", 1, "queue", 10, Duration.ofHours(24));
        ExecutionRecord first = admit("wf", T0, rule);
        ExecutionRecord second = admit("wf", T0.plusSeconds(1), rule);
        ExecutionRecord third = admit("wf", T0.plusSeconds(2), rule);
        assertThat(store().requestCancel(second.id(), T0.plusSeconds(3))).isTrue();
        finish(first, ExecutionStatus.COMPLETED, T0.plusSeconds(4));
        assertThat(statusOf(second)).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(statusOf(third)).isEqualTo(ExecutionStatus.PENDING);
    }

    @Test
    default void admissionIsAtomicAcrossNodesAndThreads() throws Exception {
        ConcurrencyRule rule = rule("wf", "shared", 2, "drop");
        JdbcJobStore[] nodes = {store(), openAnother()};
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ExecutionRecord>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (int t = 0; t < 16; t++) {
                JdbcJobStore node = nodes[t % 2];
                Instant at = T0.plusMillis(t);
                results.add(threads.submit(() -> {
                    start.await();
                    return node.create(pending("wf", at), SOURCE, at, rule);
                }));
            }
            start.countDown();
        }
        List<ExecutionStatus> statuses = new ArrayList<>();
        for (Future<ExecutionRecord> result : results) {
            statuses.add(result.get().status());
        }
        assertThat(statuses).filteredOn(s -> s == ExecutionStatus.PENDING).hasSize(2);
        assertThat(statuses).filteredOn(s -> s == ExecutionStatus.SKIPPED).hasSize(14);
        assertThat(store().count(ExecutionStatus.PENDING)).isEqualTo(2);
    }

    @Test
    default void aConcurrencyRuleThatMakesNoSenseIsRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> admit("wf", T0, rule("wf", "k", 1, "fifo")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown concurrency strategy 'fifo'; expected drop, cancel-in-progress or queue");
        assertThatThrownBy(() -> admit("wf", T0, rule("wf", "k", 0, "drop")))
                .hasMessage("concurrency max must be at least 1, not 0");
        assertThatThrownBy(() -> admit("wf", T0, rule("other-wf", "k", 1, "drop")))
                .hasMessageContaining("the concurrency rule is for workflow other-wf but execution");
        assertThat(rows("executions")).isZero();
    }
}
