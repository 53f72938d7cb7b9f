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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retention: purging finished executions with everything they own, and what nothing references any more. */
interface RetentionContract extends StoreFixture {

    /** A finished execution with a step, a log line, an answer and the given (large) output. */
    private ExecutionRecord finishedAt(Instant end, String source, Object output) {
        ExecutionRecord execution = store().create(pending("wf", end.minusSeconds(10)), source, end.minusSeconds(10), null);
        store().saveStep(finished(step(execution.id(), "a", ExecutionStatus.RUNNING, 0, end), ExecutionStatus.COMPLETED,
                end, output));
        store().log(execution.id(), logLine(end, "done"));
        store().answer(execution.id(), "ask", Map.of("ok", true), "alice", end);
        DecisionLedger ledger = new JdbcDecisionLedger(store());
        ledger.requested(execution.id(), "ask", end.minusSeconds(8), "decision");
        ledger.record(new DecisionLedger.Entry(execution.id(), "ask", end.minusSeconds(7), "answered", "user:alice",
                "link", "isolate", null), end.minusSeconds(8), "decision");
        ledger.firstUse("token-of-" + execution.id(), execution.id(), end.minusSeconds(7));
        ledger.posted(new DecisionLedger.Notice(execution.id(), "ask", "soc-slack", "C0SOC", "1700000000.000101",
                end.minusSeconds(8)));
        ExecutionRecord done = withValues(as(execution, ExecutionStatus.COMPLETED, end.minusSeconds(5), end), null,
                output);
        store().saveExecution(done);
        return done;
    }

    private long ownedRows(ExecutionRecord execution) {
        String id = "'" + execution.id() + "'";
        return count("SELECT COUNT(*) FROM step_executions WHERE execution_id = " + id)
                + count("SELECT COUNT(*) FROM execution_logs WHERE execution_id = " + id)
                + count("SELECT COUNT(*) FROM answers WHERE execution_id = " + id)
                + count("SELECT COUNT(*) FROM decision_audit WHERE execution_id = " + id)
                + count("SELECT COUNT(*) FROM decision_links_used WHERE execution_id = " + id)
                + count("SELECT COUNT(*) FROM decision_notices WHERE execution_id = " + id);
    }

    @Test
    default void purgeDeletesExecutionsFinishedBeforeTheCutoffWithEverythingTheyOwned() {
        Map<String, Object> onlyOld = map("report", "o".repeat(8_000));
        Map<String, Object> shared = map("report", "s".repeat(8_000));
        ExecutionRecord old1 = finishedAt(T0.plusSeconds(60), SOURCE, onlyOld);
        ExecutionRecord old2 = finishedAt(T0.plusSeconds(120), SOURCE + "# v2\n", shared);
        ExecutionRecord recent = finishedAt(T0.plus(Duration.ofHours(2)), SOURCE, shared);
        ExecutionRecord stillRunning = store().create(pending("wf", T0), SOURCE, T0, null);
        assertThat(rows("blobs")).isEqualTo(2);
        assertThat(rows("workflow_sources")).isEqualTo(2);

        assertThat(store().purge(T0.plus(Duration.ofHours(1)), 1000, 100)).isEqualTo(2);

        assertThat(store().execution(old1.id())).isEmpty();
        assertThat(store().execution(old2.id())).isEmpty();
        assertThat(ownedRows(old1) + ownedRows(old2)).as("steps, logs, answers, decision trail, used links and"
                + " posted messages go with them").isZero();
        assertThat(store().execution(recent.id())).contains(recent);
        assertThat(ownedRows(recent)).isEqualTo(7);
        assertThat(store().execution(stillRunning.id())).isPresent();
        assertThat(rows("blobs")).as("the value only old executions held is gone, the shared one stays")
                .isEqualTo(1);
        assertThat(store().steps(recent.id()).getFirst().output()).isEqualTo(shared);
        assertThat(rows("workflow_sources")).as("no execution runs v2 any more").isEqualTo(1);
        assertThat(store().workflowSource(recent.id())).isEqualTo(SOURCE);
    }

    @Test
    default void purgeKeepsTheNewestFinishedExecutionsByCount() {
        List<ExecutionRecord> done = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            done.add(finishedAt(T0.plus(Duration.ofMinutes(i)), SOURCE, null));
        }
        store().create(pending("wf", T0), SOURCE, T0, null); // unfinished: never counted, never purged

        assertThat(store().purge(T0, 2, 100)).isEqualTo(3);
        assertThat(done).filteredOn(e -> store().execution(e.id()).isPresent())
                .containsExactly(done.get(3), done.get(4));
        assertThat(rows("executions")).isEqualTo(3);
    }

    @Test
    default void purgeWithKeepNewestZeroKeepsNoFinishedExecution() {
        finishedAt(T0.plus(Duration.ofMinutes(1)), SOURCE, null);
        finishedAt(T0.plus(Duration.ofMinutes(2)), SOURCE, null);
        assertThat(store().purge(T0, 0, 100)).isEqualTo(2);
        assertThat(rows("executions")).isZero();
        assertThat(rows("workflow_sources")).isZero();
    }

    @Test
    default void purgeDeletesAtMostABatchPerCallOldestFirst() {
        List<ExecutionRecord> done = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            done.add(finishedAt(T0.plus(Duration.ofMinutes(i)), SOURCE, null));
        }
        Instant cutoff = T0.plus(Duration.ofHours(1));
        assertThat(store().purge(cutoff, 1000, 2)).isEqualTo(2);
        assertThat(store().execution(done.get(0).id())).isEmpty();
        assertThat(store().execution(done.get(2).id())).isPresent();
        assertThat(store().purge(cutoff, 1000, 2)).isEqualTo(2);
        assertThat(store().purge(cutoff, 1000, 2)).isEqualTo(1);
        assertThat(store().purge(cutoff, 1000, 2)).isZero();
    }

    @Test
    default void purgeCollectsLargeValuesThatRewritesLeftBehind() {
        ExecutionRecord execution = created("wf", T0);
        store().saveExecution(withValues(as(execution, ExecutionStatus.RUNNING, T0, null), null,
                map("draft", "d".repeat(5_000))));
        store().saveExecution(withValues(as(execution, ExecutionStatus.COMPLETED, T0, T0.plusSeconds(1)), null,
                map("final", "f".repeat(5_000))));
        assertThat(rows("blobs")).isEqualTo(2);
        assertThat(store().purge(T0, 1000, 100)).isZero();
        assertThat(rows("blobs")).isEqualTo(1);
        assertThat(store().execution(execution.id()).orElseThrow().output()).isEqualTo(map("final", "f".repeat(5_000)));
    }

    @Test
    default void purgeRefusesArgumentsThatMakeNoSense() {
        assertThatThrownBy(() -> store().purge(T0, -1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("purge needs keepNewest >= 0 and batchSize >= 1, not -1 and 10");
        assertThatThrownBy(() -> store().purge(T0, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
