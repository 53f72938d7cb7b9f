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
import dev.vigil.engine.Ids;
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

/** The journal the executor writes through: round trips, buffering, large values. */
interface JournalContract extends StoreFixture {

    @Test
    default void anExecutionRecordRoundTripsEveryFieldWithNestedJson() {
        Map<String, Object> inputs = map("host", "web-1", "count", 3L, "ratio", 0.25, "ok", true, "none", null,
                "tags", List.of("a", "ü", "🙂"), "nested", map("deep", map("list", List.of(1L, List.of(2L, "x")))));
        ExecutionRecord record = new ExecutionRecord(Ids.next(T0.toEpochMilli()), "wf-1", "Isolate host",
                ExecutionStatus.FAILED, "alert", "rule:high-cpu", true, T0, T0.plusMillis(5),
                T0.plusSeconds(1).plusNanos(999_000), inputs, List.of(map("_id", "a1"), "second", 2L, 1.5, false),
                "plain text output", map("type", "HttpRequestError", "message", "boom", "details", map("status", 502L)),
                map("space", "default", "labels", List.of()));
        store().saveExecution(record);

        assertThat(store().execution(record.id())).contains(record);
        ExecutionRecord fromDatabase = openAnother().execution(record.id()).orElseThrow();
        assertThat(fromDatabase).isEqualTo(record);
        assertThat(fromDatabase.inputs().keySet()).as("key order is kept")
                .containsExactly("host", "count", "ratio", "ok", "none", "tags", "nested");
    }

    @Test
    default void anExecutionRecordWithEveryOptionalFieldNullComesBackWithNulls() {
        ExecutionRecord sparse = new ExecutionRecord(Ids.next(T0.toEpochMilli()), "wf-1", null, ExecutionStatus.RUNNING,
                null, null, false, T0, null, null, null, null, null, null, null);
        store().saveExecution(sparse);
        assertThat(openAnother().execution(sparse.id())).contains(sparse);
    }

    @Test
    default void instantsKeepMicrosecondsAndDropNanoseconds() {
        Instant precise = Instant.parse("2026-11-23T10:00:00.123456789Z");
        ExecutionRecord record = as(pending("wf", precise), ExecutionStatus.COMPLETED, precise, precise.plusNanos(1));
        store().saveExecution(record);
        ExecutionRecord read = store().execution(record.id()).orElseThrow();
        assertThat(read.createdAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00.123456Z"));
        assertThat(read.finishedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00.123456Z"));
        Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999Z");
        ExecutionRecord old = pending("wf", beforeEpoch);
        store().saveExecution(old);
        assertThat(store().execution(old.id()).orElseThrow().createdAt()).isEqualTo(beforeEpoch);
    }

    @Test
    default void savingAnExecutionAgainReplacesItsRecord() {
        ExecutionRecord record = pending("wf", T0);
        store().saveExecution(record);
        ExecutionRecord done = withValues(as(record, ExecutionStatus.COMPLETED, T0, T0.plusSeconds(2)), null,
                map("result", 42L));
        store().saveExecution(done);
        assertThat(openAnother().execution(record.id())).contains(done);
        assertThat(store().execution("no-such-id")).isEmpty();
    }

    @Test
    default void stepExecutionsAreReplacedByIdAndComeBackInStartOrder() {
        ExecutionRecord execution = pending("wf", T0);
        store().saveExecution(execution);
        StepExecution second = step(execution.id(), "loop[1]/b", ExecutionStatus.RUNNING, 1, T0.plusSeconds(1));
        StepExecution first = new StepExecution(Ids.next(T0.toEpochMilli()), execution.id(), "a#1", "a", "http",
                ExecutionStatus.FAILED, 0, 1, T0, T0.plusMillis(250), map("url", "https://x", "headers", map()),
                List.of(1L, "two"), map("type", "TimeoutError", "message", "slow"), map("items", List.of(1L, 2L),
                "index", 0L), true);
        store().saveStep(second);
        store().saveStep(first);
        StepExecution secondDone = finished(second, ExecutionStatus.COMPLETED, T0.plusSeconds(2), map("n", 1L));
        store().saveStep(secondDone);

        assertThat(store().steps(execution.id())).containsExactly(first, secondDone);
        assertThat(openAnother().steps(execution.id())).containsExactly(first, secondDone);
        assertThat(store().steps("no-such-id")).isEmpty();
    }

    @Test
    default void logLinesComeBackInTheOrderWritten() {
        ExecutionRecord execution = pending("wf", T0);
        store().saveExecution(execution);
        List<LogEntry> written = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // same timestamp for all: the order must not depend on time
            LogEntry entry = i % 3 == 0 ? logLine(T0, "line " + i)
                    : new LogEntry(T0, "warn", "line " + i, "loop[" + i + "]/b", "b");
            written.add(entry);
            store().log(execution.id(), entry);
        }
        assertThat(store().logs(execution.id())).containsExactlyElementsOf(written);
        assertThat(openAnother().logs(execution.id())).containsExactlyElementsOf(written);
    }

    @Test
    default void bufferedStepsAndLogsAreReadBackAtOnceAndReachTheDatabaseOnFlush() {
        ExecutionRecord execution = pending("wf", T0);
        store().saveExecution(execution);
        StepExecution step = step(execution.id(), "a", ExecutionStatus.COMPLETED, 0, T0);
        store().saveStep(step);
        store().log(execution.id(), logLine(T0, "a done"));
        JdbcJobStore otherNode = openAnother();
        assertThat(otherNode.steps(execution.id())).as("buffered: not yet committed").isEmpty();
        assertThat(otherNode.logs(execution.id())).isEmpty();

        store().flush();
        assertThat(otherNode.steps(execution.id())).containsExactly(step);
        assertThat(otherNode.logs(execution.id())).containsExactly(logLine(T0, "a done"));
    }

    @Test
    default void aReadOfTheWritingStoreSeesItsBufferedWrites() {
        ExecutionRecord execution = pending("wf", T0);
        store().saveExecution(execution);
        StepExecution step = step(execution.id(), "a", ExecutionStatus.RUNNING, 0, T0);
        store().saveStep(step);
        store().log(execution.id(), logLine(T0, "started"));
        assertThat(store().steps(execution.id())).containsExactly(step);
        assertThat(store().logs(execution.id())).containsExactly(logLine(T0, "started"));
    }

    @Test
    default void savingTheExecutionCommitsItsBufferedWritesWithIt() {
        ExecutionRecord execution = pending("wf", T0);
        store().saveExecution(execution);
        StepExecution step = step(execution.id(), "a", ExecutionStatus.COMPLETED, 0, T0);
        store().saveStep(step);
        store().log(execution.id(), logLine(T0, "done"));
        store().saveExecution(as(execution, ExecutionStatus.COMPLETED, T0, T0.plusSeconds(1)));

        JdbcJobStore otherNode = openAnother();
        assertThat(otherNode.steps(execution.id())).containsExactly(step);
        assertThat(otherNode.logs(execution.id())).containsExactly(logLine(T0, "done"));
    }

    @Test
    default void parallelBranchesWritingOneExecutionLoseNothingAndKeepEachBranchInOrder() throws Exception {
        ExecutionRecord execution = pending("wf", T0);
        store().saveExecution(execution);
        int branches = 8;
        int stepsPerBranch = 60;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(branches)) {
            List<Future<?>> done = new ArrayList<>();
            for (int b = 0; b < branches; b++) {
                int branch = b;
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < stepsPerBranch; i++) {
                        StepExecution s = step(execution.id(), "p/b" + branch + "/s" + i, ExecutionStatus.RUNNING,
                                branch * 1000 + i, T0);
                        store().saveStep(s);
                        store().log(execution.id(), logLine(T0, branch + ":" + i));
                        store().saveStep(finished(s, ExecutionStatus.COMPLETED, T0.plusMillis(i), "ok"));
                        if (i % 7 == branch % 7) {
                            store().flush(); // an outside call: another branch's buffer goes with it
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        store().flush();
        List<StepExecution> steps = openAnother().steps(execution.id());
        assertThat(steps).hasSize(branches * stepsPerBranch)
                .allSatisfy(s -> assertThat(s.status()).isEqualTo(ExecutionStatus.COMPLETED));
        List<LogEntry> logs = openAnother().logs(execution.id());
        assertThat(logs).hasSize(branches * stepsPerBranch);
        for (int b = 0; b < branches; b++) {
            String prefix = b + ":";
            assertThat(logs.stream().map(LogEntry::message).filter(m -> m.startsWith(prefix)).toList())
                    .as("branch %d in the order it logged", b)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, stepsPerBranch)
                            .mapToObj(i -> prefix + i).toList());
        }
    }

    @Test
    default void aLargeValueIsStoredOnceHoweverManyRowsHoldIt() {
        Map<String, Object> alert = map("alerts", List.of(map("_id", "a-1", "message", "x".repeat(10_000))),
                "rule", map("name", "High CPU"));
        List<ExecutionRecord> routed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ExecutionRecord execution = withValues(pending("wf-" + i, T0.plusSeconds(i)), alert, null);
            routed.add(store().create(execution, SOURCE, T0, null));
        }
        StepExecution echo = finished(step(routed.getFirst().id(), "echo", ExecutionStatus.RUNNING, 0, T0),
                ExecutionStatus.COMPLETED, T0, alert);
        store().saveStep(echo);
        store().flush();

        assertThat(rows("blobs")).as("one alert, six references").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM executions WHERE event IS NULL AND event_blob IS NOT NULL"))
                .isEqualTo(5);
        JdbcJobStore reader = openAnother();
        for (ExecutionRecord execution : routed) {
            assertThat(reader.execution(execution.id()).orElseThrow().event()).isEqualTo(alert);
        }
        assertThat(reader.steps(routed.getFirst().id())).containsExactly(echo);

        ExecutionRecord small = pending("wf", T0);
        store().saveExecution(withValues(small, map("alerts", List.of()), "x".repeat(4000)));
        assertThat(rows("blobs")).as("values up to 4 KiB stay in their row").isEqualTo(1);
    }

    @Test
    default void aValueOverTheLimitIsRefusedAndNothingOfItsWriteIsStored() {
        JdbcJobStore limited = openWithLimit(64 * 1024);
        String huge = "y".repeat(100 * 1024);
        ExecutionRecord execution = pending("wf", T0);
        limited.saveExecution(execution);

        assertThatThrownBy(() -> limited.saveExecution(withValues(execution, null, huge)))
                .isInstanceOf(JobStore.ValueTooLarge.class)
                .hasMessage("output of execution " + execution.id() + " is 102402 bytes, over the store's limit of "
                        + "65536 bytes");
        assertThat(limited.execution(execution.id())).contains(execution);

        ExecutionRecord tooBig = withValues(pending("wf", T0), map("big", huge), null);
        assertThatThrownBy(() -> limited.create(tooBig, SOURCE, T0, null)).isInstanceOf(JobStore.ValueTooLarge.class)
                .hasMessageContaining("event of execution " + tooBig.id());
        assertThat(limited.execution(tooBig.id())).isEmpty();
        assertThat(rows("workflow_sources")).isZero();

        StepExecution bigStep = finished(step(execution.id(), "a", ExecutionStatus.RUNNING, 0, T0),
                ExecutionStatus.COMPLETED, T0, List.of(huge));
        assertThatThrownBy(() -> limited.saveStep(bigStep)).isInstanceOf(JobStore.ValueTooLarge.class)
                .hasMessageContaining("output of step a in execution " + execution.id());
        limited.flush();
        assertThat(limited.steps(execution.id())).isEmpty();
        assertThat(rows("blobs")).isZero();
        assertThat(rows("step_executions")).isZero();
    }

    @Test
    default void aWriteTheDatabaseRefusesFailsWithTheReasonAndLaterWritesStillSucceed() {
        StepExecution orphan = step("no-such-execution", "a", ExecutionStatus.RUNNING, 0, T0);
        store().saveStep(orphan);
        assertThatThrownBy(() -> store().flush()).isInstanceOf(StoreFailure.class)
                .hasMessageContaining("the job store could not save the steps and logs of execution no-such-execution")
                .hasMessageContaining("foreign key");
        ExecutionRecord execution = pending("wf", T0);
        store().saveExecution(execution);
        StepExecution fine = step(execution.id(), "a", ExecutionStatus.COMPLETED, 0, T0);
        store().saveStep(fine);
        store().flush();
        assertThat(openAnother().steps(execution.id())).containsExactly(fine);
    }
}
