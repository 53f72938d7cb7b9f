package dev.vigil.store;

import static dev.vigil.store.Fixtures.SOURCE;
import static dev.vigil.store.Fixtures.T0;
import static dev.vigil.store.Fixtures.as;
import static dev.vigil.store.Fixtures.map;
import static dev.vigil.store.Fixtures.withValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Ids;
import dev.vigil.engine.LogEntry;
import dev.vigil.store.ExecutionQuery.Sort;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** History queries: executions filtered, sorted and paged; an execution's log lines paged. */
interface HistoryContract extends StoreFixture {

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** An execution created through the store as the intake creates one. */
    private ExecutionRecord run(String workflowId, int createdAt, String trigger, String owner, boolean test) {
        ExecutionRecord record = new ExecutionRecord(Ids.next(at(createdAt).toEpochMilli()), workflowId,
                "Workflow " + workflowId, ExecutionStatus.PENDING, trigger, owner, test, at(createdAt), null, null,
                map("host", "web-1"), map("alerts", List.of()), null, null, Map.of());
        return store().create(record, SOURCE, at(createdAt), null);
    }

    private ExecutionRecord ran(ExecutionRecord record, ExecutionStatus status, Integer startedAt, Integer finishedAt,
                                Object output) {
        ExecutionRecord saved = withValues(as(record, status, startedAt == null ? null : at(startedAt),
                finishedAt == null ? null : at(finishedAt)), record.event(), output);
        store().saveExecution(saved);
        return saved;
    }

    /**
     * Five executions: a (triage, manual, alice, 10 s), b (triage, alert, bob, failed in 2 s), c (contain,
     * scheduled, running), d (contain, alice's test run, pending), e (other, alice, 30 s, a large output).
     */
    private List<ExecutionRecord> history() {
        ExecutionRecord a = ran(run("triage", 0, "manual", "alice", false), ExecutionStatus.COMPLETED, 1, 11, "ok");
        ExecutionRecord b = ran(run("triage", 60, "alert", "bob", false), ExecutionStatus.FAILED, 61, 63, null);
        ExecutionRecord c = ran(run("contain", 120, "scheduled", "scheduler", false), ExecutionStatus.RUNNING, 125,
                null, null);
        ExecutionRecord d = run("contain", 180, "manual", "alice", true);
        ExecutionRecord e = ran(run("other", 240, "manual", "alice", false), ExecutionStatus.COMPLETED, 240, 270,
                map("report", "r".repeat(8_000)));
        return List.of(a, b, c, d, e);
    }

    private List<String> ids(ExecutionQuery query) {
        return store().executions(query).results().stream().map(ExecutionRecord::id).toList();
    }

    private static List<String> ids(ExecutionRecord... records) {
        return java.util.Arrays.stream(records).map(ExecutionRecord::id).toList();
    }

    @Test
    default void theHistoryIsNewestFirstByDefaultWithTheTotal() {
        List<ExecutionRecord> h = history();
        ExecutionPage page = store().executions(ExecutionQuery.all());
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.results()).extracting(ExecutionRecord::id)
                .containsExactlyElementsOf(ids(h.get(4), h.get(3), h.get(2), h.get(1), h.get(0)));
        assertThat(page.page()).isEqualTo(1);
        assertThat(page.size()).isEqualTo(ExecutionQuery.DEFAULT_SIZE);
    }

    @Test
    default void executionsAreFilteredByWorkflowStatusTriggerOwnerAndTestRun() {
        List<ExecutionRecord> h = history();
        ExecutionRecord a = h.get(0), b = h.get(1), c = h.get(2), d = h.get(3), e = h.get(4);
        ExecutionQuery all = ExecutionQuery.all();
        assertThat(ids(all.withWorkflowIds("triage"))).isEqualTo(ids(b, a));
        assertThat(ids(all.withWorkflowIds("triage", "contain"))).isEqualTo(ids(d, c, b, a));
        assertThat(ids(all.withStatuses(ExecutionStatus.COMPLETED, ExecutionStatus.FAILED))).isEqualTo(ids(e, b, a));
        assertThat(ids(all.withWorkflowIds("triage").withStatuses(ExecutionStatus.FAILED))).isEqualTo(ids(b));
        assertThat(ids(all.withTriggeredBy("manual"))).isEqualTo(ids(e, d, a));
        assertThat(ids(all.withExecutedBy("alice"))).isEqualTo(ids(e, d, a));
        assertThat(ids(all.withExecutedBy("alice").withTestRun(false))).isEqualTo(ids(e, a));
        assertThat(ids(all.withTestRun(true))).isEqualTo(ids(d));
        assertThat(store().executions(all.withExecutedBy("alice").withTestRun(false)).total()).isEqualTo(2);
    }

    @Test
    default void timeRangesIncludeTheirStartAndExcludeTheirEnd() {
        List<ExecutionRecord> h = history();
        ExecutionRecord a = h.get(0), b = h.get(1), c = h.get(2), e = h.get(4);
        ExecutionQuery all = ExecutionQuery.all();
        assertThat(ids(all.createdBetween(at(60), at(180)))).isEqualTo(ids(c, b));
        assertThat(ids(all.createdBetween(at(200), null))).isEqualTo(ids(e));
        assertThat(ids(all.startedBetween(at(1), at(125)))).isEqualTo(ids(b, a));
        assertThat(ids(all.startedBetween(at(125), null))).isEqualTo(ids(e, c));
        assertThat(ids(all.finishedBetween(null, at(63)))).isEqualTo(ids(a));
        assertThat(ids(all.finishedBetween(at(63), null))).isEqualTo(ids(e, b));
        assertThatThrownBy(() -> all.createdBetween(at(10), at(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not end");
    }

    @Test
    default void executionsAreFilteredByConcurrencyKey() {
        history();
        ExecutionRecord grouped = store().create(Fixtures.pending("grouped", at(300)), SOURCE, at(300),
                Fixtures.rule("grouped", "host-1", 5, "queue"));
        store().create(Fixtures.pending("grouped", at(301)), SOURCE, at(301), Fixtures.rule("grouped", "host-2", 5,
                "queue"));
        assertThat(ids(ExecutionQuery.all().withConcurrencyKey("host-1"))).containsExactly(grouped.id());
    }

    @Test
    default void everySortKeyGoesBothWaysWithUnsetValuesLast() {
        List<ExecutionRecord> h = history();
        ExecutionRecord a = h.get(0), b = h.get(1), c = h.get(2), d = h.get(3), e = h.get(4);
        ExecutionQuery all = ExecutionQuery.all();
        assertThat(ids(all.sortedBy(Sort.CREATED_AT, true))).isEqualTo(ids(a, b, c, d, e));
        assertThat(ids(all.sortedBy(Sort.STARTED_AT, true))).isEqualTo(ids(a, b, c, e, d));
        assertThat(ids(all.sortedBy(Sort.STARTED_AT, false))).isEqualTo(ids(e, c, b, a, d));
        assertThat(ids(all.sortedBy(Sort.FINISHED_AT, true))).isEqualTo(ids(a, b, e, c, d));
        assertThat(ids(all.sortedBy(Sort.FINISHED_AT, false))).isEqualTo(ids(e, b, a, d, c));
        assertThat(ids(all.sortedBy(Sort.DURATION, true))).isEqualTo(ids(b, a, e, c, d));
        assertThat(ids(all.sortedBy(Sort.DURATION, false))).isEqualTo(ids(e, a, b, d, c));
    }

    @Test
    default void tiesAreBrokenByIdSoPagesNeitherRepeatNorSkipRows() {
        List<String> sameMoment = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sameMoment.add(run("wf", 0, "manual", "alice", false).id());
        }
        List<String> ascending = sameMoment.stream().sorted().toList();
        ExecutionQuery oldest = ExecutionQuery.all().sortedBy(Sort.CREATED_AT, true);
        List<String> paged = new java.util.ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            paged.addAll(ids(oldest.page(page, 3)));
        }
        assertThat(paged).isEqualTo(ascending);
        assertThat(ids(ExecutionQuery.all().page(1, 7))).isEqualTo(ascending.reversed());
    }

    @Test
    default void pagesCountFromOneAndThePageAfterTheLastIsEmptyWithTheTotal() {
        List<ExecutionRecord> h = history();
        ExecutionQuery all = ExecutionQuery.all();
        assertThat(ids(all.page(2, 2))).isEqualTo(ids(h.get(2), h.get(1)));
        assertThat(ids(all.page(3, 2))).isEqualTo(ids(h.get(0)));
        ExecutionPage past = store().executions(all.page(4, 2));
        assertThat(past.results()).isEmpty();
        assertThat(past.total()).isEqualTo(5);
        assertThat(store().executions(all.page(1, ExecutionQuery.MAX_SIZE)).results()).hasSize(5);
    }

    @Test
    default void aBadPageOrSizeIsRefusedWithTheRule() {
        ExecutionQuery all = ExecutionQuery.all();
        assertThatThrownBy(() -> all.page(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("page must be 1 or more (pages are numbered from 1), not 0");
        assertThatThrownBy(() -> all.page(1, 101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("page size must be between 1 and 100, not 101");
        assertThatThrownBy(() -> all.page(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("page size must be between 1 and 100, not 0");
        assertThatThrownBy(() -> store().logs("x", null, 1, 500, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("page size must be between 1 and 100, not 500");
    }

    @Test
    default void listRowsLeaveInputsEventAndOutputOutUnlessAskedFor() {
        List<ExecutionRecord> h = history();
        ExecutionRecord e = h.get(4);
        ExecutionRecord brief = store().executions(ExecutionQuery.all().withWorkflowIds("other")).results().getFirst();
        assertThat(brief.inputs()).isNull();
        assertThat(brief.event()).isNull();
        assertThat(brief.output()).isNull();
        assertThat(brief.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(brief.durationMs()).isEqualTo(30_000L);
        assertThat(brief.metadata()).isEqualTo(Map.of());
        ExecutionRecord full = store().executions(ExecutionQuery.all().withWorkflowIds("other").withValues(true))
                .results().getFirst();
        assertThat(full).isEqualTo(e);
    }

    @Test
    default void filterValuesAreBoundNotSpliced() {
        history();
        assertThat(store().executions(ExecutionQuery.all().withWorkflowIds("x' OR '1'='1")).total()).isZero();
        assertThat(store().executions(ExecutionQuery.all().withExecutedBy("alice'--")).results()).isEmpty();
    }

    @Test
    default void logsArePagedInWriteOrderOrNewestFirstForAllOrOneStep() {
        ExecutionRecord execution = run("wf", 0, "manual", "alice", false);
        List<LogEntry> lines = List.of(line(1, null), line(2, "enrich"), line(3, "enrich"), line(4, null),
                line(5, "enrich"));
        lines.forEach(entry -> store().log(execution.id(), entry));

        LogPage first = store().logs(execution.id(), null, 1, 2, true);
        assertThat(first.results()).containsExactly(lines.get(0), lines.get(1));
        assertThat(first.total()).isEqualTo(5);
        assertThat(store().logs(execution.id(), null, 3, 2, true).results()).containsExactly(lines.get(4));
        LogPage step = store().logs(execution.id(), "enrich", 1, 2, true);
        assertThat(step.results()).containsExactly(lines.get(1), lines.get(2));
        assertThat(step.total()).isEqualTo(3);
        assertThat(store().logs(execution.id(), "enrich", 2, 2, true).results()).containsExactly(lines.get(4));
        assertThat(store().logs(execution.id(), "enrich", 1, 2, false).results())
                .containsExactly(lines.get(4), lines.get(2));
        LogPage past = store().logs(execution.id(), "enrich", 3, 2, true);
        assertThat(past.results()).isEmpty();
        assertThat(past.total()).isEqualTo(3);
        assertThat(store().logs("no-such-execution", null, 1, 10, true).total()).isZero();
    }

    private static LogEntry line(int second, String stepPath) {
        return new LogEntry(at(second), "info", "line " + second, stepPath, stepPath);
    }
}
