package dev.vigil.store;

import dev.vigil.model.Json;
import dev.vigil.model.Position;
import dev.vigil.parse.Problem;
import dev.vigil.workflows.Draft;
import dev.vigil.workflows.WorkflowRecord;
import dev.vigil.workflows.WorkflowState;
import dev.vigil.workflows.WorkflowVersion;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows of the workflow tables and their records: the columns, and reading and binding them. */
final class StoredWorkflows {

    static final String WORKFLOW_COLUMNS = "w.id, w.name, w.description, w.tags, w.state, w.active_version, "
            + "w.created_at, w.created_by, w.updated_at, w.updated_by, w.deleted_at, w.deleted_by";
    static final String DRAFT_COLUMNS = "source, based_on, problems, created_at, created_by, updated_at, updated_by";
    static final String VERSION_COLUMNS = "v.workflow_id, v.number, v.source, v.created_at, v.created_by, "
            + "v.activated_at, v.activated_by, v.replaced_at";

    private StoredWorkflows() {
    }

    static WorkflowRecord workflow(ResultSet row) throws SQLException {
        return new WorkflowRecord(row.getString(1), row.getString(2), row.getString(3), strings(row.getString(4)),
                WorkflowState.valueOf(row.getString(5)), integer(row, 6), EpochMicros.read(row, 7), row.getString(8),
                EpochMicros.read(row, 9), row.getString(10), EpochMicros.read(row, 11), row.getString(12));
    }

    /** Binds name .. deleted_by (everything but the id and the creation) from {@code first} on; returns the next. */
    static int bindChanges(PreparedStatement statement, int first, WorkflowRecord w) throws SQLException {
        int i = first;
        statement.setString(i++, w.name());
        statement.setString(i++, w.description());
        statement.setString(i++, Json.write(w.tags()));
        statement.setString(i++, w.state().name());
        bindInteger(statement, i++, w.activeVersion());
        EpochMicros.bind(statement, i++, w.updatedAt());
        statement.setString(i++, w.updatedBy());
        EpochMicros.bind(statement, i++, w.deletedAt());
        statement.setString(i++, w.deletedBy());
        return i;
    }

    static Draft draft(ResultSet row) throws SQLException {
        return new Draft(row.getString(1), integer(row, 2), problems(row.getString(3)), EpochMicros.read(row, 4),
                row.getString(5), EpochMicros.read(row, 6), row.getString(7));
    }

    static void bindDraft(PreparedStatement statement, String workflowId, Draft d) throws SQLException {
        statement.setString(1, workflowId);
        statement.setString(2, d.source());
        bindInteger(statement, 3, d.basedOn());
        statement.setString(4, Json.write(d.problems().stream().map(StoredWorkflows::problem).toList()));
        EpochMicros.bind(statement, 5, d.createdAt());
        statement.setString(6, d.createdBy());
        EpochMicros.bind(statement, 7, d.updatedAt());
        statement.setString(8, d.updatedBy());
    }

    static WorkflowVersion version(ResultSet row) throws SQLException {
        return new WorkflowVersion(row.getString(1), row.getInt(2), row.getString(3), EpochMicros.read(row, 4),
                row.getString(5), EpochMicros.read(row, 6), row.getString(7), EpochMicros.read(row, 8));
    }

    private static Map<String, Object> problem(Problem p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", p.code());
        json.put("path", p.path());
        json.put("line", (long) p.position().line());
        json.put("column", (long) p.position().column());
        json.put("message", p.message());
        return json;
    }

    private static List<Problem> problems(String json) {
        return ((List<?>) Json.parse(json)).stream().map(item -> {
            Map<?, ?> p = (Map<?, ?>) item;
            return new Problem((String) p.get("code"), (String) p.get("path"),
                    new Position(((Number) p.get("line")).intValue(), ((Number) p.get("column")).intValue()),
                    (String) p.get("message"));
        }).toList();
    }

    private static List<String> strings(String json) {
        return ((List<?>) Json.parse(json)).stream().map(String::valueOf).toList();
    }

    private static Integer integer(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    private static void bindInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
