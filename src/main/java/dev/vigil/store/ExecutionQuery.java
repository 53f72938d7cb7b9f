package dev.vigil.store;

import dev.vigil.engine.ExecutionStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A filtered, sorted page of the execution history ({@link JobStore#executions}). Every filter is optional (null or
 * empty matches everything); filters combine with AND, the values of one filter with OR. Start from {@link #all()}
 * and narrow with the {@code with...} methods:
 * {@code ExecutionQuery.all().withWorkflowIds("triage").withStatuses(FAILED).sortedBy(Sort.FINISHED_AT, false)}.
 *
 * @param workflowIds    executions of any of these workflows
 * @param statuses       executions in any of these statuses
 * @param triggeredBy    the record's {@code triggeredBy} (manual, scheduled, alert ...), exactly
 * @param executedBy     the record's {@code executedBy} (the owner: a user, an API key, "scheduler"), exactly
 * @param testRun        true: test runs only, false: real runs only, null: both
 * @param createdAt      range on {@code createdAt}
 * @param startedAt      range on {@code startedAt}; executions not started yet never match a range
 * @param finishedAt     range on {@code finishedAt}; unfinished executions never match a range
 * @param concurrencyKey the rendered {@code settings.concurrency} key the execution was created under
 * @param sort           what to sort by; ties are broken by id (UUIDv7, so creation order) in the same direction
 * @param ascending      oldest / shortest first when true
 * @param page           1-based
 * @param size           1 to {@link #MAX_SIZE}
 * @param withValues     true to read inputs, event and output too; a list usually leaves them out, since they can
 *                       be megabytes each (error and metadata are always read: they are small and a list shows them)
 */
public record ExecutionQuery(List<String> workflowIds, Set<ExecutionStatus> statuses, String triggeredBy,
                             String executedBy, Boolean testRun, Range createdAt, Range startedAt, Range finishedAt,
                             String concurrencyKey, Sort sort, boolean ascending, int page, int size,
                             boolean withValues) {

    public static final int MAX_SIZE = Pages.MAX_SIZE;
    public static final int DEFAULT_SIZE = 20;

    public ExecutionQuery {
        workflowIds = workflowIds == null ? List.of() : List.copyOf(workflowIds);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        createdAt = Objects.requireNonNullElse(createdAt, Range.ANY);
        startedAt = Objects.requireNonNullElse(startedAt, Range.ANY);
        finishedAt = Objects.requireNonNullElse(finishedAt, Range.ANY);
        sort = Objects.requireNonNullElse(sort, Sort.CREATED_AT);
        Pages.check(page, size);
    }

    /** Every execution, newest first, page 1 of {@value #DEFAULT_SIZE}, without inputs, event and output. */
    public static ExecutionQuery all() {
        return new ExecutionQuery(null, null, null, null, null, null, null, null, null, Sort.CREATED_AT, false, 1,
                DEFAULT_SIZE, false);
    }

    /**
     * A half-open time range: {@code from} inclusive, {@code to} exclusive, either open when null. Half-open, so
     * consecutive ranges ({@code [09:00, 10:00)}, {@code [10:00, 11:00)}) count every execution exactly once.
     */
    public record Range(Instant from, Instant to) {
        public static final Range ANY = new Range(null, null);

        public Range {
            if (from != null && to != null && to.isBefore(from)) {
                throw new IllegalArgumentException("a time range must not end (" + to + ") before it starts ("
                        + from + ")");
            }
        }
    }

    /** The sort keys. Each names its SQL expression here, so no text from a caller ever reaches ORDER BY. */
    public enum Sort {
        CREATED_AT("e.created_at", false),
        /** Executions not started yet come last either way. */
        STARTED_AT("e.started_at", true),
        /** Unfinished executions come last either way. */
        FINISHED_AT("e.finished_at", true),
        /** finishedAt - startedAt; unfinished executions have none and come last either way. */
        DURATION("(e.finished_at - e.started_at)", true);

        final String expression;
        /**
         * The expression can be null, so the order says where nulls go: the databases' defaults differ (SQLite
         * puts them first ascending, PostgreSQL last). Only then, since an explicit NULLS LAST on a descending
         * order keeps PostgreSQL from reading the created_at index backwards for the most common list.
         */
        final boolean nullable;

        Sort(String expression, boolean nullable) {
            this.expression = expression;
            this.nullable = nullable;
        }
    }

    public ExecutionQuery withWorkflowIds(String... ids) {
        return new ExecutionQuery(List.of(ids), statuses, triggeredBy, executedBy, testRun, createdAt, startedAt,
                finishedAt, concurrencyKey, sort, ascending, page, size, withValues);
    }

    public ExecutionQuery withStatuses(ExecutionStatus... wanted) {
        return new ExecutionQuery(workflowIds, Set.copyOf(Arrays.asList(wanted)), triggeredBy, executedBy, testRun,
                createdAt, startedAt, finishedAt, concurrencyKey, sort, ascending, page, size, withValues);
    }

    public ExecutionQuery withTriggeredBy(String trigger) {
        return new ExecutionQuery(workflowIds, statuses, trigger, executedBy, testRun, createdAt, startedAt,
                finishedAt, concurrencyKey, sort, ascending, page, size, withValues);
    }

    public ExecutionQuery withExecutedBy(String owner) {
        return new ExecutionQuery(workflowIds, statuses, triggeredBy, owner, testRun, createdAt, startedAt,
                finishedAt, concurrencyKey, sort, ascending, page, size, withValues);
    }

    public ExecutionQuery withTestRun(Boolean test) {
        return new ExecutionQuery(workflowIds, statuses, triggeredBy, executedBy, test, createdAt, startedAt,
                finishedAt, concurrencyKey, sort, ascending, page, size, withValues);
    }

    public ExecutionQuery createdBetween(Instant from, Instant to) {
        return new ExecutionQuery(workflowIds, statuses, triggeredBy, executedBy, testRun, new Range(from, to),
                startedAt, finishedAt, concurrencyKey, sort, ascending, page, size, withValues);
    }

    public ExecutionQuery startedBetween(Instant from, Instant to) {
        return new ExecutionQuery(workflowIds, statuses, triggeredBy, executedBy, testRun, createdAt,
                new Range(from, to), finishedAt, concurrencyKey, sort, ascending, page, size, withValues);
    }

    public ExecutionQuery finishedBetween(Instant from, Instant to) {
        return new ExecutionQuery(workflowIds, statuses, triggeredBy, executedBy, testRun, createdAt, startedAt,
                new Range(from, to), concurrencyKey, sort, ascending, page, size, withValues);
    }

    public ExecutionQuery withConcurrencyKey(String key) {
        return new ExecutionQuery(workflowIds, statuses, triggeredBy, executedBy, testRun, createdAt, startedAt,
                finishedAt, key, sort, ascending, page, size, withValues);
    }

    public ExecutionQuery sortedBy(Sort by, boolean asc) {
        return new ExecutionQuery(workflowIds, statuses, triggeredBy, executedBy, testRun, createdAt, startedAt,
                finishedAt, concurrencyKey, by, asc, page, size, withValues);
    }

    public ExecutionQuery page(int number, int pageSize) {
        return new ExecutionQuery(workflowIds, statuses, triggeredBy, executedBy, testRun, createdAt, startedAt,
                finishedAt, concurrencyKey, sort, ascending, number, pageSize, withValues);
    }

    public ExecutionQuery withValues(boolean values) {
        return new ExecutionQuery(workflowIds, statuses, triggeredBy, executedBy, testRun, createdAt, startedAt,
                finishedAt, concurrencyKey, sort, ascending, page, size, values);
    }
}
