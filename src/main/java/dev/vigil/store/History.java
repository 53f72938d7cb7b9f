package dev.vigil.store;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.LogEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The history queries: executions filtered, sorted and paged, and an execution's log lines paged. The SQL is built
 * from fixed fragments only; every value a caller gives is a bound parameter, and the sort expression comes from
 * {@link ExecutionQuery.Sort}.
 *
 * <p>Which indexes serve which filter (see V3__history.sql for why no index was added to {@code executions}):
 * workflow ids (with or without statuses) use {@code executions_by_workflow}, statuses alone
 * {@code executions_due}, the createdAt range and sort {@code executions_by_created}, the finishedAt range and sort
 * {@code executions_finished}. Trigger, owner, test run and concurrency key narrow the rows those give.
 */
final class History {

    /** Inputs, event and output stay out of list rows unless asked for: each can be megabytes. */
    private static final String SELECT_SUMMARY = "SELECT e.id, e.workflow_id, e.workflow_name, e.status, "
            + "e.triggered_by, e.executed_by, e.test_run, e.created_at, e.started_at, e.finished_at, "
            + "NULL AS inputs, NULL AS event, NULL AS output, " + StoredValue.select("e", "error") + ", "
            + StoredValue.select("e", "metadata") + " FROM executions e";

    private History() {
    }

    static ExecutionPage executions(Connection connection, ExecutionQuery query) throws SQLException {
        Where where = where(query);
        long total;
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM executions e" + where.sql)) {
            where.bind(count);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
        }
        List<ExecutionRecord> results = new ArrayList<>();
        if (Pages.offset(query.page(), query.size()) < total) {
            String direction = query.ascending() ? " ASC" : " DESC";
            String sql = (query.withValues() ? StoredExecution.SELECT : SELECT_SUMMARY) + where.sql
                    + " ORDER BY " + query.sort().expression + direction + (query.sort().nullable ? " NULLS LAST" : "")
                    + ", e.id" + direction + " LIMIT ? OFFSET ?";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int next = where.bind(select);
                select.setInt(next, query.size());
                select.setLong(next + 1, Pages.offset(query.page(), query.size()));
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        results.add(StoredExecution.read(row));
                    }
                }
            }
        }
        return new ExecutionPage(results, total, query.page(), query.size());
    }

    static LogPage logs(Connection connection, String executionId, String stepPath, int page, int size,
                        boolean ascending) throws SQLException {
        // the (execution_id, id) index finds an execution's lines in write order; a step's lines are filtered
        // among them, since an execution's lines are few and another index would cost every log write
        String where = " WHERE execution_id = ?" + (stepPath == null ? "" : " AND step_path = ?");
        long total;
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM execution_logs" + where)) {
            bindLogFilter(count, executionId, stepPath);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
        }
        List<LogEntry> results = new ArrayList<>();
        if (Pages.offset(page, size) < total) {
            try (PreparedStatement select = connection.prepareStatement("SELECT logged_at, level, message, step_path, "
                    + "step_name FROM execution_logs" + where + " ORDER BY id" + (ascending ? " ASC" : " DESC")
                    + " LIMIT ? OFFSET ?")) {
                int next = bindLogFilter(select, executionId, stepPath);
                select.setInt(next, size);
                select.setLong(next + 1, Pages.offset(page, size));
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        results.add(StoredLog.read(row));
                    }
                }
            }
        }
        return new LogPage(results, total, page, size);
    }

    private static int bindLogFilter(PreparedStatement statement, String executionId, String stepPath)
            throws SQLException {
        statement.setString(1, executionId);
        if (stepPath == null) {
            return 2;
        }
        statement.setString(2, stepPath);
        return 3;
    }

    /** A WHERE clause with its parameters in order. */
    private record Where(String sql, List<Object> parameters) {

        int bind(PreparedStatement statement) throws SQLException {
            int index = 1;
            for (Object parameter : parameters) {
                switch (parameter) {
                    case String text -> statement.setString(index, text);
                    case Boolean flag -> statement.setBoolean(index, flag);
                    case Instant instant -> EpochMicros.bind(statement, index, instant);
                    default -> throw new IllegalStateException("no binding for " + parameter.getClass());
                }
                index++;
            }
            return index;
        }
    }

    private static Where where(ExecutionQuery query) {
        List<String> terms = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (!query.workflowIds().isEmpty()) {
            terms.add("e.workflow_id IN (" + StoredExecution.marks(query.workflowIds().size()) + ")");
            parameters.addAll(query.workflowIds());
        }
        if (!query.statuses().isEmpty()) {
            terms.add("e.status IN (" + StoredExecution.marks(query.statuses().size()) + ")");
            query.statuses().stream().map(ExecutionStatus::wire).sorted().forEach(parameters::add);
        }
        equal(terms, parameters, "e.triggered_by", query.triggeredBy());
        equal(terms, parameters, "e.executed_by", query.executedBy());
        equal(terms, parameters, "e.test_run", query.testRun());
        equal(terms, parameters, "e.concurrency_key", query.concurrencyKey());
        range(terms, parameters, "e.created_at", query.createdAt());
        range(terms, parameters, "e.started_at", query.startedAt());
        range(terms, parameters, "e.finished_at", query.finishedAt());
        return new Where(terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms), parameters);
    }

    private static void equal(List<String> terms, List<Object> parameters, String column, Object value) {
        if (value != null) {
            terms.add(column + " = ?");
            parameters.add(value);
        }
    }

    private static void range(List<String> terms, List<Object> parameters, String column, ExecutionQuery.Range range) {
        if (range.from() != null) {
            terms.add(column + " >= ?");
            parameters.add(range.from());
        }
        if (range.to() != null) {
            terms.add(column + " < ?");
            parameters.add(range.to());
        }
    }
}
