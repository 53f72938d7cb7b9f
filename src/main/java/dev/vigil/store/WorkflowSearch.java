package dev.vigil.store;

import static dev.vigil.store.StoredWorkflows.WORKFLOW_COLUMNS;

import dev.vigil.workflows.WorkflowQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link WorkflowQuery} as SQL: one WHERE clause for the count and the page. Text matches are
 * case-insensitive substring matches with LIKE's wildcards escaped, so that "50%" finds "50%" only.
 */
record WorkflowSearch(String where, List<String> parameters, String order, int limit, int offset) {

    private static final String LIKE = " LIKE ? ESCAPE '\\'";

    static WorkflowSearch of(WorkflowQuery query) {
        StringBuilder where = new StringBuilder(" FROM workflows w WHERE w.deleted_at IS NULL");
        List<String> parameters = new ArrayList<>();
        if (query.text() != null && !query.text().isBlank()) {
            String pattern = "%" + query.text().strip().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" AND (LOWER(w.name)").append(LIKE)
                    .append(" OR LOWER(COALESCE(w.description, ''))").append(LIKE).append(")");
            parameters.add(pattern);
            parameters.add(pattern);
        }
        if (query.state() != null) {
            where.append(" AND w.state = ?");
            parameters.add(query.state().name());
        }
        if (!query.tags().isEmpty()) {
            where.append(" AND EXISTS (SELECT 1 FROM workflow_tags t WHERE t.workflow_id = w.id AND t.tag IN (")
                    .append(String.join(", ", query.tags().stream().map(tag -> "?").toList())).append("))");
            parameters.addAll(query.tags());
        }
        String order = switch (query.sort()) {
            case NAME -> " ORDER BY w.name, w.id";
            // the lifecycle's order rather than the alphabet's
            case STATE -> " ORDER BY CASE w.state WHEN 'DRAFT' THEN 0 WHEN 'ACTIVE' THEN 1 ELSE 2 END, w.name, w.id";
        };
        return new WorkflowSearch(where.toString(), List.copyOf(parameters), order, query.size(),
                Math.multiplyExact(query.page(), query.size()));
    }

    PreparedStatement count(Connection connection) throws SQLException {
        return bound(connection.prepareStatement("SELECT COUNT(*)" + where));
    }

    PreparedStatement page(Connection connection) throws SQLException {
        PreparedStatement statement = bound(connection.prepareStatement("SELECT " + WORKFLOW_COLUMNS + where + order
                + " LIMIT ? OFFSET ?"));
        statement.setInt(parameters.size() + 1, limit);
        statement.setInt(parameters.size() + 2, offset);
        return statement;
    }

    private PreparedStatement bound(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setString(i + 1, parameters.get(i));
        }
        return statement;
    }
}
