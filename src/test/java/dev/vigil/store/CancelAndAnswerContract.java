package dev.vigil.store;

import static dev.vigil.store.Fixtures.LEASE;
import static dev.vigil.store.Fixtures.T0;
import static dev.vigil.store.Fixtures.as;
import static dev.vigil.store.Fixtures.step;
import static dev.vigil.store.Fixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.StepExecution;
import dev.vigil.store.JobStore.Answer;
import dev.vigil.store.JobStore.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Cancel requests, and answers to steps waiting for input. */
interface CancelAndAnswerContract extends StoreFixture {

    /** An execution paused on an approval step, released by its node until the deadline. */
    private ExecutionRecord waitingForApproval(Instant at) {
        ExecutionRecord execution = created("wf", at);
        store().claim("node-a", 1, at, LEASE);
        store().saveStep(step(execution.id(), "before", ExecutionStatus.COMPLETED, 0, at));
        store().saveStep(waiting(execution.id(), "ask", ExecutionStatus.WAITING_FOR_INPUT, 1, at));
        ExecutionRecord paused = as(execution, ExecutionStatus.WAITING_FOR_INPUT, at, null);
        store().saveExecution(paused);
        store().release(execution.id(), "node-a", at.plus(Duration.ofHours(24)));
        return paused;
    }

    @Test
    default void cancellingAnExecutionNobodyHoldsCancelsItAndItsUnfinishedStepsAtOnce() {
        ExecutionRecord paused = waitingForApproval(T0);
        Instant now = T0.plusSeconds(30);
        assertThat(store().requestCancel(paused.id(), now)).isTrue();

        ExecutionRecord cancelled = store().execution(paused.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(cancelled.finishedAt()).isEqualTo(now);
        List<StepExecution> steps = store().steps(paused.id());
        assertThat(steps).extracting(StepExecution::status)
                .containsExactly(ExecutionStatus.COMPLETED, ExecutionStatus.CANCELLED);
        assertThat(steps.get(0).finishedAt()).as("finished steps keep their end").isEqualTo(T0);
        assertThat(steps.get(1).finishedAt()).isEqualTo(now);
        assertThat(store().claim("node-b", 1, T0.plus(Duration.ofDays(2)), LEASE)).isEmpty();
        assertThat(store().requestCancel(paused.id(), now)).as("already finished").isFalse();
    }

    @Test
    default void cancellingAPendingExecutionCancelsItBeforeItEverRuns() {
        ExecutionRecord execution = created("wf", T0);
        assertThat(store().requestCancel(execution.id(), T0.plusSeconds(1))).isTrue();
        assertThat(store().execution(execution.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(store().claim("node-a", 1, T0.plusSeconds(2), LEASE)).isEmpty();
    }

    @Test
    default void cancellingAHeldExecutionFlagsItForTheNodeThatRunsIt() {
        ExecutionRecord execution = created("wf", T0);
        store().claim("node-a", 1, T0, LEASE);
        store().saveExecution(as(execution, ExecutionStatus.RUNNING, T0, null));

        assertThat(openAnother().requestCancel(execution.id(), T0.plusSeconds(10))).isTrue();
        assertThat(store().execution(execution.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(store().heartbeat(execution.id(), "node-a", T0.plusSeconds(80))).isEqualTo(Lease.CANCEL_REQUESTED);
        store().saveExecution(as(execution, ExecutionStatus.CANCELLED, T0, T0.plusSeconds(11)));
        store().release(execution.id(), "node-a", null);
        assertThat(store().execution(execution.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELLED);
    }

    @Test
    default void cancellingAnExecutionWhoseNodeDiedCancelsItAtOnce() {
        ExecutionRecord execution = created("wf", T0);
        store().claim("node-a", 1, T0, LEASE);
        store().saveExecution(as(execution, ExecutionStatus.RUNNING, T0, null));
        store().saveStep(step(execution.id(), "slow", ExecutionStatus.RUNNING, 0, T0));
        store().flush();

        Instant afterLease = T0.plus(LEASE).plusSeconds(1);
        assertThat(store().requestCancel(execution.id(), afterLease)).isTrue();
        assertThat(store().execution(execution.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(store().steps(execution.id())).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(ExecutionStatus.CANCELLED));
        assertThat(store().heartbeat(execution.id(), "node-a", afterLease.plusSeconds(60))).isEqualTo(Lease.LOST);
    }

    @Test
    default void cancellingAnUnknownExecutionReturnsFalse() {
        assertThat(store().requestCancel("no-such-id", T0)).isFalse();
    }

    @Test
    default void theFirstAnswerWinsAndMakesTheWaitingExecutionDueNow() {
        ExecutionRecord paused = waitingForApproval(T0);
        assertThat(store().answerFor(paused.id(), "ask")).isEmpty();
        Instant answeredAt = T0.plus(Duration.ofMinutes(5)).plusNanos(1_500);

        Answer first = store().answer(paused.id(), "ask", Map.of("approved", true), "alice", answeredAt);
        Answer second = openAnother().answer(paused.id(), "ask", Map.of("approved", false), "bob",
                answeredAt.plusSeconds(1));

        Answer expected = new Answer(paused.id(), "ask", Map.of("approved", true), "alice",
                T0.plus(Duration.ofMinutes(5)).plusNanos(1_000));
        assertThat(first).isEqualTo(expected);
        assertThat(second).as("the loser gets the answer that counts").isEqualTo(expected);
        assertThat(openAnother().answerFor(paused.id(), "ask")).contains(expected);
        List<ExecutionRecord> due = store().claim("node-b", 1, answeredAt.plusSeconds(1), LEASE);
        assertThat(due).extracting(ExecutionRecord::id).containsExactly(paused.id());
        assertThat(due.getFirst().status()).isEqualTo(ExecutionStatus.WAITING_FOR_INPUT);
    }

    @Test
    default void sixteenAnswersAtOnceHaveExactlyOneWinner() throws Exception {
        ExecutionRecord paused = waitingForApproval(T0);
        JdbcJobStore[] nodes = {store(), openAnother()};
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (int t = 0; t < 16; t++) {
                JdbcJobStore node = nodes[t % 2];
                String who = "user-" + t;
                answers.add(threads.submit(() -> {
                    start.await();
                    return node.answer(paused.id(), "ask", Map.of("by", who), who, T0.plusSeconds(60));
                }));
            }
            start.countDown();
        }
        List<Answer> got = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            got.add(answer.get());
        }
        assertThat(got).as("everyone sees the same answer").containsOnly(got.getFirst());
        assertThat(got.getFirst().payload()).isEqualTo(Map.of("by", got.getFirst().respondedBy()));
        assertThat(rows("answers")).isEqualTo(1);
    }

    @Test
    default void anAnswerToAnExecutionThatIsNotWaitingForInputIsKeptButWakesNothing() {
        ExecutionRecord sleeping = created("wf", T0);
        store().claim("node-a", 1, T0, LEASE);
        store().saveExecution(as(sleeping, ExecutionStatus.WAITING, T0, null));
        store().release(sleeping.id(), "node-a", T0.plus(Duration.ofHours(1)));

        store().answer(sleeping.id(), "later", Map.of("x", 1L), "alice", T0.plusSeconds(5));
        assertThat(store().claim("node-a", 1, T0.plusSeconds(10), LEASE)).isEmpty();
        assertThat(store().answerFor(sleeping.id(), "later")).isPresent();
    }

    @Test
    default void answeringAnUnknownOrFinishedExecutionFailsClearly() {
        assertThatThrownBy(() -> store().answer("no-such-id", "ask", Map.of(), "alice", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no execution no-such-id to answer");
        ExecutionRecord done = created("wf", T0);
        store().saveExecution(as(done, ExecutionStatus.TIMED_OUT, T0, T0.plusSeconds(1)));
        assertThatThrownBy(() -> store().answer(done.id(), "ask", Map.of(), "alice", T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("execution " + done.id() + " has already finished (timed_out); its step ask takes no answer");
        assertThat(rows("answers")).isZero();
    }
}
