package dev.vigil.store;

import static dev.vigil.store.Fixtures.LEASE;
import static dev.vigil.store.Fixtures.SOURCE;
import static dev.vigil.store.Fixtures.T0;
import static dev.vigil.store.Fixtures.as;
import static dev.vigil.store.Fixtures.pending;
import static dev.vigil.store.Fixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.store.JobStore.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Claims, leases, heartbeats and releases: which node runs what. */
interface ClaimContract extends StoreFixture {

    private List<String> ids(List<ExecutionRecord> records) {
        return records.stream().map(ExecutionRecord::id).toList();
    }

    @Test
    default void aClaimTakesDueExecutionsOldestDueFirstAndLeavesTheirStatusAlone() {
        ExecutionRecord later = store().create(pending("wf", T0), SOURCE, T0.plusSeconds(2), null);
        ExecutionRecord earlier = store().create(pending("wf", T0.plusSeconds(1)), SOURCE, T0.plusSeconds(1), null);
        ExecutionRecord notYet = store().create(pending("wf", T0), SOURCE, T0.plusSeconds(600), null);

        Duration longLease = Duration.ofHours(1);
        List<ExecutionRecord> claimed = store().claim("node-a", 10, T0.plusSeconds(5), longLease);

        assertThat(ids(claimed)).containsExactly(earlier.id(), later.id());
        assertThat(claimed).extracting(ExecutionRecord::status).containsOnly(ExecutionStatus.PENDING);
        assertThat(claimed.getFirst()).isEqualTo(earlier);
        assertThat(ids(store().claim("node-a", 10, T0.plusSeconds(600), longLease))).containsExactly(notYet.id());
    }

    @Test
    default void anExecutionCreatedUnderALeaseIsTheAcceptingNodesUntilTheLeaseExpires() {
        ExecutionRecord running = as(pending("wf", T0), ExecutionStatus.RUNNING, T0, null);
        store().create(running, SOURCE, T0, null, new JobStore.HeldBy("node-a", T0.plus(LEASE)));

        assertThat(store().claim("node-b", 10, T0.plus(LEASE).minusMillis(1), LEASE)).isEmpty();
        assertThat(store().heartbeat(running.id(), "node-a", T0.plus(LEASE))).isEqualTo(Lease.HELD);
        // node-a died: after the lease the run is due for any node, and replayed from its records
        assertThat(ids(store().claim("node-b", 10, T0.plus(LEASE).plusSeconds(1), LEASE)))
                .containsExactly(running.id());
    }

    @Test
    default void savingTheFinalRecordEndsTheLease() {
        ExecutionRecord running = as(pending("wf", T0), ExecutionStatus.RUNNING, T0, null);
        store().create(running, SOURCE, T0, null, new JobStore.HeldBy("node-a", T0.plus(LEASE)));
        store().saveExecution(as(running, ExecutionStatus.COMPLETED, T0, T0.plusSeconds(1)));

        assertThat(store().heartbeat(running.id(), "node-a", T0.plus(LEASE))).isEqualTo(Lease.LOST);
        assertThat(store().claim("node-b", 10, T0.plus(Duration.ofDays(1)), LEASE)).isEmpty();
    }

    @Test
    default void aClaimTakesAtMostMax() {
        for (int i = 0; i < 5; i++) {
            created("wf", T0.plusMillis(i));
        }
        assertThat(store().claim("node-a", 3, T0.plusSeconds(1), LEASE)).hasSize(3);
        assertThat(store().claim("node-a", 3, T0.plusSeconds(1), LEASE)).hasSize(2);
        assertThat(store().claim("node-a", 0, T0.plusSeconds(1), LEASE)).isEmpty();
    }

    @Test
    default void queuedFinishedAndUnscheduledExecutionsAreNeverClaimed() {
        store().create(as(pending("wf", T0), ExecutionStatus.QUEUED, null, null), SOURCE, T0, null);
        ExecutionRecord done = created("wf", T0);
        store().saveExecution(as(done, ExecutionStatus.COMPLETED, T0, T0.plusSeconds(1)));
        store().saveExecution(as(pending("wf", T0), ExecutionStatus.RUNNING, T0, null)); // a child run: no due time
        ExecutionRecord waits = created("wf", T0);
        store().claim("node-a", 1, T0, LEASE);
        store().saveExecution(as(waits, ExecutionStatus.WAITING_FOR_INPUT, T0, null));
        store().release(waits.id(), "node-a", null); // only an answer wakes it

        assertThat(store().claim("node-b", 10, T0.plus(Duration.ofDays(1000)), LEASE)).isEmpty();
    }

    @Test
    default void aLeasedExecutionIsClaimedAgainOnlyWhenItsLeaseHasExpired() {
        ExecutionRecord execution = created("wf", T0);
        JdbcJobStore nodeB = openAnother();
        assertThat(ids(store().claim("node-a", 1, T0, LEASE))).containsExactly(execution.id());
        store().saveExecution(as(execution, ExecutionStatus.RUNNING, T0, null));

        assertThat(nodeB.claim("node-b", 1, T0.plusSeconds(59), LEASE)).isEmpty();
        List<ExecutionRecord> reclaimed = nodeB.claim("node-b", 1, T0.plus(LEASE), LEASE);
        assertThat(ids(reclaimed)).as("node-a died: its run is due again").containsExactly(execution.id());
        assertThat(reclaimed.getFirst().status()).isEqualTo(ExecutionStatus.RUNNING);

        assertThat(store().heartbeat(execution.id(), "node-a", T0.plus(LEASE).plusSeconds(30))).isEqualTo(Lease.LOST);
        assertThat(nodeB.heartbeat(execution.id(), "node-b", T0.plus(LEASE).plusSeconds(30))).isEqualTo(Lease.HELD);
    }

    @Test
    default void aHeartbeatExtendsTheLease() {
        ExecutionRecord execution = created("wf", T0);
        store().claim("node-a", 1, T0, LEASE);
        assertThat(store().heartbeat(execution.id(), "node-a", T0.plusSeconds(110))).isEqualTo(Lease.HELD);
        assertThat(store().claim("node-b", 1, T0.plusSeconds(109), LEASE)).isEmpty();
        assertThat(ids(store().claim("node-b", 1, T0.plusSeconds(110), LEASE))).containsExactly(execution.id());
    }

    @Test
    default void aHeartbeatForAnExecutionTheNodeDoesNotHoldIsLost() {
        ExecutionRecord execution = created("wf", T0);
        assertThat(store().heartbeat(execution.id(), "node-a", T0.plusSeconds(60))).as("never claimed")
                .isEqualTo(Lease.LOST);
        store().claim("node-a", 1, T0, LEASE);
        assertThat(store().heartbeat(execution.id(), "node-b", T0.plusSeconds(60))).isEqualTo(Lease.LOST);
        assertThat(store().heartbeat("no-such-id", "node-a", T0.plusSeconds(60))).isEqualTo(Lease.LOST);
        assertThat(store().heartbeat(execution.id(), "node-a", T0.plusSeconds(60))).isEqualTo(Lease.HELD);
    }

    @Test
    default void aReleaseSaysWhenTheExecutionIsDueAgain() {
        ExecutionRecord sleeps = created("wf", T0);
        ExecutionRecord crashed = created("wf", T0.plusMillis(1));
        store().claim("node-a", 2, T0, LEASE);
        store().saveExecution(as(sleeps, ExecutionStatus.WAITING, T0, null));
        store().release(sleeps.id(), "node-a", T0.plus(Duration.ofHours(1)));
        store().saveExecution(as(crashed, ExecutionStatus.RUNNING, T0, null));
        store().release(crashed.id(), "node-a", T0.plusSeconds(1)); // the worker's "run it again" after an error

        List<ExecutionRecord> soon = store().claim("node-b", 10, T0.plusSeconds(1), Duration.ofHours(2));
        assertThat(ids(soon)).as("a running execution released due now runs again").containsExactly(crashed.id());
        assertThat(soon.getFirst().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(store().claim("node-b", 10, T0.plus(Duration.ofMinutes(59)), LEASE)).isEmpty();
        List<ExecutionRecord> later = store().claim("node-b", 10, T0.plus(Duration.ofHours(1)), LEASE);
        assertThat(ids(later)).containsExactly(sleeps.id());
        assertThat(later.getFirst().status()).isEqualTo(ExecutionStatus.WAITING);
    }

    @Test
    default void aReleaseByANodeThatLostTheLeaseChangesNothing() {
        ExecutionRecord execution = created("wf", T0);
        store().claim("node-a", 1, T0, LEASE);
        JdbcJobStore nodeB = openAnother();
        nodeB.claim("node-b", 1, T0.plus(LEASE), LEASE); // node-a was presumed dead
        store().release(execution.id(), "node-a", null);
        assertThat(store().claim("node-c", 1, T0.plus(LEASE).plusSeconds(59), LEASE)).as("node-b still holds it")
                .isEmpty();
        assertThat(nodeB.heartbeat(execution.id(), "node-b", T0.plus(LEASE).plusSeconds(90))).isEqualTo(Lease.HELD);
    }

    @Test
    default void anAnswerThatArrivesWhileTheNodeIsPausingTheRunMakesItDueOnRelease() {
        ExecutionRecord execution = created("wf", T0);
        store().claim("node-a", 1, T0, LEASE);
        store().saveStep(waiting(execution.id(), "ask", ExecutionStatus.WAITING_FOR_INPUT, 0, T0));
        store().answer(execution.id(), "ask", Map.of("approved", true), "alice", T0.plusSeconds(1));
        store().saveExecution(as(execution, ExecutionStatus.WAITING_FOR_INPUT, T0, null));
        store().release(execution.id(), "node-a", T0.plus(Duration.ofHours(24))); // the approval deadline

        assertThat(ids(store().claim("node-a", 1, T0.plusSeconds(2), LEASE))).containsExactly(execution.id());
    }

    @Test
    default void anExecutionReleasedWithAnUnheededCancelRequestIsCancelledByTheNextClaim() {
        ExecutionRecord execution = created("wf", T0);
        store().claim("node-a", 1, T0, LEASE);
        assertThat(store().requestCancel(execution.id(), T0.plusSeconds(1))).isTrue();
        store().saveExecution(as(execution, ExecutionStatus.WAITING, T0, null)); // paused before its heartbeat
        store().release(execution.id(), "node-a", T0.plus(Duration.ofDays(1)));

        assertThat(store().claim("node-b", 1, T0.plusSeconds(2), LEASE)).isEmpty();
        ExecutionRecord cancelled = store().execution(execution.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(cancelled.finishedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    default void twoNodesClaimingFromManyThreadsNeverGetTheSameExecution() throws Exception {
        int executions = 1600;
        Instant now = T0.plusSeconds(1);
        try (ExecutorService creators = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t * executions / 8;
                done.add(creators.submit(() -> {
                    for (int i = first; i < first + executions / 8; i++) {
                        created("wf", T0.plusNanos(i * 1_000L));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        JdbcJobStore[] nodes = {store(), openAnother()};
        Map<String, Integer> claims = new ConcurrentHashMap<>();
        AtomicInteger claimCalls = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                JdbcJobStore node = nodes[t % 2];
                String nodeId = "node-" + (t % 2);
                done.add(threads.submit(() -> {
                    start.await();
                    while (true) {
                        List<ExecutionRecord> got = node.claim(nodeId, 7, now, LEASE);
                        claimCalls.incrementAndGet();
                        if (got.isEmpty()) {
                            return null;
                        }
                        got.forEach(e -> claims.merge(e.id(), 1, Integer::sum));
                    }
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(claims).hasSize(executions);
        assertThat(claims.values()).as("claimed once each").containsOnly(1);
        assertThat(claimCalls.get()).isGreaterThanOrEqualTo(executions / 7);
    }
}
