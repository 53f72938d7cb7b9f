package dev.vigil.store;

import dev.vigil.cases.Case;
import dev.vigil.cases.CaseJson;
import dev.vigil.cases.CasePage;
import dev.vigil.cases.CaseQuery;
import dev.vigil.cases.CaseStore;
import dev.vigil.model.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cases in the job store's database (tables {@code cases}, {@code case_alerts}, {@code case_tags}, migration V6):
 * writes through its single writer, reads from its pool. The version check is in the UPDATE itself, so it holds
 * when several nodes share a PostgreSQL database.
 */
public final class JdbcCaseStore implements CaseStore {

    private static final String INSERT = "INSERT INTO cases (id, title, status, severity, version, created_at, "
            + "updated_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE cases SET title = ?, status = ?, severity = ?, version = ?, "
            + "updated_at = ?, body = ? WHERE id = ? AND version = ?";
    private static final String SELECT = "SELECT body FROM cases WHERE id = ?";
    private static final String BY_ALERT = "SELECT c.body FROM cases c JOIN case_alerts a ON a.case_id = c.id "
            + "WHERE a.alert_id = ? ORDER BY c.id DESC";
    private static final String DELETE_ALERTS = "DELETE FROM case_alerts WHERE case_id = ?";
    private static final String INSERT_ALERT = "INSERT INTO case_alerts (case_id, alert_id) VALUES (?, ?)";
    private static final String DELETE_TAGS = "DELETE FROM case_tags WHERE case_id = ?";
    private static final String INSERT_TAG = "INSERT INTO case_tags (case_id, tag) VALUES (?, ?)";

    private final JdbcJobStore database;

    /** @param database the job store whose database (and single writer) holds the cases */
    public JdbcCaseStore(JdbcJobStore database) {
        this.database = database;
    }

    @Override
    public void insert(Case created) {
        String body = database.codec().json("case " + created.id(), CaseJson.toValue(created));
        database.writer().write("create case " + created.id(), tx -> {
            PreparedStatement insert = tx.prepare(INSERT);
            insert.setString(1, created.id());
            insert.setString(2, created.title());
            insert.setString(3, created.status().id());
            insert.setString(4, created.severity().id());
            insert.setInt(5, created.version());
            EpochMicros.bind(insert, 6, created.createdAt());
            EpochMicros.bind(insert, 7, created.updatedAt());
            insert.setString(8, body);
            insert.executeUpdate();
            writeIndexes(tx, created);
            return null;
        });
    }

    @Override
    public boolean update(Case changed, int expectedVersion) {
        String body = database.codec().json("case " + changed.id(), CaseJson.toValue(changed));
        return database.writer().write("update case " + changed.id(), tx -> {
            PreparedStatement update = tx.prepare(UPDATE);
            update.setString(1, changed.title());
            update.setString(2, changed.status().id());
            update.setString(3, changed.severity().id());
            update.setInt(4, changed.version());
            EpochMicros.bind(update, 5, changed.updatedAt());
            update.setString(6, body);
            update.setString(7, changed.id());
            update.setInt(8, expectedVersion);
            if (update.executeUpdate() != 1) {
                return false;
            }
            writeIndexes(tx, changed);
            return true;
        });
    }

    /** The alert and tag lookups are rewritten whole: cases hold tens of them, not thousands. */
    private static void writeIndexes(Tx tx, Case c) throws SQLException {
        replace(tx, DELETE_ALERTS, INSERT_ALERT, c.id(), c.alerts().stream().map(Case.Alert::alertId).distinct().toList());
        replace(tx, DELETE_TAGS, INSERT_TAG, c.id(), c.tags());
    }

    private static void replace(Tx tx, String delete, String insert, String id, List<String> values)
            throws SQLException {
        PreparedStatement clear = tx.prepare(delete);
        clear.setString(1, id);
        clear.executeUpdate();
        if (values.isEmpty()) {
            return;
        }
        PreparedStatement add = tx.prepare(insert);
        for (String value : values) {
            add.setString(1, id);
            add.setString(2, value);
            add.addBatch();
        }
        add.executeBatch();
    }

    @Override
    public Optional<Case> find(String id) {
        return database.read("read case " + id, connection -> {
            List<Case> found = cases(connection, SELECT, List.of(id));
            return found.stream().findFirst();
        });
    }

    @Override
    public List<Case> byAlertId(String alertId) {
        return database.read("find the cases of alert " + alertId,
                connection -> cases(connection, BY_ALERT, List.of(alertId)));
    }

    @Override
    public CasePage search(CaseQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.status() != null) {
            where.append(" AND c.status = ?");
            args.add(query.status().id());
        }
        if (query.tag() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM case_tags t WHERE t.case_id = c.id AND t.tag = ?)");
            args.add(query.tag());
        }
        if (query.alertId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM case_alerts a WHERE a.case_id = c.id AND a.alert_id = ?)");
            args.add(query.alertId());
        }
        return database.read("list cases", connection -> {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM cases c" + where)) {
                bind(count, args);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<Object> paged = new ArrayList<>(args);
            paged.add(query.size());
            paged.add((long) (query.page() - 1) * query.size());
            List<Case> cases = cases(connection, "SELECT c.body FROM cases c" + where
                    + " ORDER BY c.id DESC LIMIT ? OFFSET ?", paged);
            return new CasePage(cases, query.page(), query.size(), total);
        });
    }

    private static List<Case> cases(Connection connection, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, args);
            List<Case> cases = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    cases.add(CaseJson.fromValue((Map<?, ?>) Json.parse(rows.getString(1))));
                }
            }
            return cases;
        }
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }
}
