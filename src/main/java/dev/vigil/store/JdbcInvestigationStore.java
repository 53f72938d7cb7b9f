package dev.vigil.store;

import dev.vigil.investigations.Investigation;
import dev.vigil.investigations.InvestigationJson;
import dev.vigil.investigations.InvestigationStatus;
import dev.vigil.investigations.InvestigationStore;
import dev.vigil.investigations.TimelineEntry;
import dev.vigil.model.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Investigations in the job store's database (tables {@code investigations}, {@code investigation_timeline},
 * {@code investigation_alerts}, migration V8): writes through its single writer, reads from its pool.
 *
 * <p>Grouping looks up and writes in one writer transaction, so alerts arriving together on one node never open
 * two investigations for one rule and entity. Nodes sharing a PostgreSQL database each have their own writer: two
 * alerts on two nodes at the same instant may still open two (the version check keeps every later change safe).
 */
public final class JdbcInvestigationStore implements InvestigationStore {

    private static final String INSERT = "INSERT INTO investigations (id, status, priority, rule_key, entity, "
            + "last_alert_at, version, created_at, updated_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE investigations SET status = ?, priority = ?, last_alert_at = ?, "
            + "version = ?, updated_at = ?, body = ? WHERE id = ? AND version = ?";
    private static final String GROUP = "SELECT body FROM investigations WHERE rule_key = ? AND entity = ? "
            + "AND status <> 'closed' AND last_alert_at >= ? ORDER BY last_alert_at DESC, id DESC LIMIT 1";
    private static final String SELECT = "SELECT body FROM investigations WHERE id = ?";
    private static final String EXISTS = "SELECT 1 FROM investigations WHERE id = ?";
    private static final String NEXT_SEQ = "SELECT COALESCE(MAX(seq), 0) + 1 FROM investigation_timeline "
            + "WHERE investigation_id = ?";
    private static final String INSERT_ENTRY = "INSERT INTO investigation_timeline (investigation_id, seq, at, kind, "
            + "body) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_ALERT = "INSERT INTO investigation_alerts (investigation_id, alert_id) "
            + "VALUES (?, ?)";
    /** By time, then by order of writing: an entry may be written a moment after a later one (a job's start). */
    private static final String TIMELINE = "SELECT body FROM investigation_timeline WHERE investigation_id = ? "
            + "ORDER BY at, seq";

    private final JdbcJobStore database;

    /** @param database the job store whose database (and single writer) holds the investigations */
    public JdbcInvestigationStore(JdbcJobStore database) {
        this.database = database;
    }

    @Override
    public Investigation group(String ruleKey, String entity, Instant since, String alertId,
                               Function<Investigation, Investigation> join, Supplier<Investigation> open,
                               Function<Investigation, TimelineEntry> added) {
        return database.writer().write("group alert " + alertId, tx -> {
            PreparedStatement lookup = tx.prepare(GROUP);
            lookup.setString(1, ruleKey);
            lookup.setString(2, entity);
            EpochMicros.bind(lookup, 3, since);
            Investigation found = null;
            try (ResultSet row = lookup.executeQuery()) {
                if (row.next()) {
                    found = parse(row.getString(1));
                }
            }
            Investigation chosen;
            if (found != null) {
                chosen = join.apply(found);
                if (!write(tx, chosen, found.version())) {
                    throw new SQLException("investigation " + found.id() + " changed inside its own transaction");
                }
            } else {
                chosen = open.get();
                insert(tx, chosen, ruleKey, entity);
            }
            PreparedStatement link = tx.prepare(INSERT_ALERT);
            link.setString(1, chosen.id());
            link.setString(2, alertId);
            link.executeUpdate();
            appendEntry(tx, chosen.id(), added.apply(chosen));
            return chosen;
        });
    }

    private void insert(Tx tx, Investigation created, String ruleKey, String entity) throws SQLException {
        PreparedStatement insert = tx.prepare(INSERT);
        insert.setString(1, created.id());
        insert.setString(2, created.status().id());
        insert.setString(3, created.priority().id());
        insert.setString(4, ruleKey);
        insert.setString(5, entity);
        EpochMicros.bind(insert, 6, created.lastAlertAt());
        insert.setInt(7, created.version());
        EpochMicros.bind(insert, 8, created.createdAt());
        EpochMicros.bind(insert, 9, created.updatedAt());
        insert.setString(10, json(created));
        insert.executeUpdate();
    }

    private boolean write(Tx tx, Investigation changed, int expectedVersion) throws SQLException {
        PreparedStatement update = tx.prepare(UPDATE);
        update.setString(1, changed.status().id());
        update.setString(2, changed.priority().id());
        EpochMicros.bind(update, 3, changed.lastAlertAt());
        update.setInt(4, changed.version());
        EpochMicros.bind(update, 5, changed.updatedAt());
        update.setString(6, json(changed));
        update.setString(7, changed.id());
        update.setInt(8, expectedVersion);
        return update.executeUpdate() == 1;
    }

    @Override
    public boolean update(Investigation changed, int expectedVersion, List<TimelineEntry> entries) {
        return database.writer().write("update investigation " + changed.id(), tx -> {
            if (!write(tx, changed, expectedVersion)) {
                return false;
            }
            for (TimelineEntry entry : entries) {
                appendEntry(tx, changed.id(), entry);
            }
            return true;
        });
    }

    @Override
    public boolean append(String id, TimelineEntry entry) {
        return database.writer().write("add to the timeline of investigation " + id, tx -> {
            PreparedStatement exists = tx.prepare(EXISTS);
            exists.setString(1, id);
            try (ResultSet row = exists.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
            }
            appendEntry(tx, id, entry);
            return true;
        });
    }

    private void appendEntry(Tx tx, String id, TimelineEntry entry) throws SQLException {
        PreparedStatement next = tx.prepare(NEXT_SEQ);
        next.setString(1, id);
        long seq;
        try (ResultSet row = next.executeQuery()) {
            row.next();
            seq = row.getLong(1);
        }
        PreparedStatement insert = tx.prepare(INSERT_ENTRY);
        insert.setString(1, id);
        insert.setLong(2, seq);
        EpochMicros.bind(insert, 3, entry.at());
        insert.setString(4, entry.kind().id());
        insert.setString(5, database.codec().json("timeline entry of investigation " + id,
                InvestigationJson.toValue(entry)));
        insert.executeUpdate();
    }

    @Override
    public Optional<Investigation> find(String id) {
        return database.read("read investigation " + id,
                connection -> bodies(connection, SELECT, List.of(id)).stream().findFirst()
                        .map(JdbcInvestigationStore::parse));
    }

    @Override
    public List<TimelineEntry> timeline(String id) {
        return database.read("read the timeline of investigation " + id,
                connection -> bodies(connection, TIMELINE, List.of(id)).stream()
                        .map(body -> InvestigationJson.entryFromValue((Map<?, ?>) Json.parse(body))).toList());
    }

    @Override
    public Page search(InvestigationStatus status, int page, int size) {
        String where = status == null ? "" : " WHERE status = ?";
        List<Object> args = status == null ? List.of() : List.of(status.id());
        return database.read("list investigations", connection -> {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM investigations" + where)) {
                bind(count, args);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<Object> paged = new ArrayList<>(args);
            paged.add(size);
            paged.add((long) (page - 1) * size);
            List<Investigation> found = bodies(connection, "SELECT body FROM investigations" + where
                    + " ORDER BY id DESC LIMIT ? OFFSET ?", paged).stream().map(JdbcInvestigationStore::parse)
                    .toList();
            return new Page(found, page, size, total);
        });
    }

    private String json(Investigation investigation) {
        return database.codec().json("investigation " + investigation.id(), InvestigationJson.toValue(investigation));
    }

    private static Investigation parse(String body) {
        return InvestigationJson.fromValue((Map<?, ?>) Json.parse(body));
    }

    private static List<String> bodies(Connection connection, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, args);
            List<String> bodies = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    bodies.add(rows.getString(1));
                }
            }
            return bodies;
        }
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }
}
