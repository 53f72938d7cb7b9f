package dev.vigil.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The decision trail in the job store's database (tables of migration V7): writes through its single writer. */
public final class JdbcDecisionLedger implements DecisionLedger {

    private static final String INSERT = "INSERT INTO decision_audit (id, execution_id, step_path, at, event, actor, "
            + "channel, choice, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    private static final String SELECT = "SELECT execution_id, step_path, at, event, actor, channel, choice, reason "
            + "FROM decision_audit WHERE execution_id = ? ORDER BY at, event DESC, id";
    private static final String USE = "INSERT INTO decision_links_used (token, execution_id, used_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (token) DO NOTHING";

    private final JdbcJobStore database;

    public JdbcDecisionLedger(JdbcJobStore database) {
        this.database = database;
    }

    @Override
    public void record(Entry attempt, Instant requestedAt, String requestedBy) {
        database.writer().write("record a decision answer of execution " + attempt.executionId(), tx -> {
            PreparedStatement insert = tx.prepare(INSERT);
            bind(insert, key("requested", attempt.executionId(), attempt.stepPath()), new Entry(
                    attempt.executionId(), attempt.stepPath(), requestedAt, "requested", requestedBy, requestedBy,
                    null, null));
            insert.executeUpdate();
            bind(insert, UUID.randomUUID().toString(), attempt);
            insert.executeUpdate();
            return null;
        });
    }

    @Override
    public boolean recordOnce(Entry entry) {
        return database.writer().write("record a decision " + entry.event() + " of execution " + entry.executionId(),
                tx -> {
                    PreparedStatement insert = tx.prepare(INSERT);
                    bind(insert, key(entry.event(), entry.executionId(), entry.stepPath()), entry);
                    return insert.executeUpdate() == 1;
                });
    }

    @Override
    public void posted(Notice notice) {
        database.writer().write("remember a decision message of execution " + notice.executionId(), tx -> {
            PreparedStatement insert = tx.prepare("INSERT INTO decision_notices (execution_id, step_path, connector_id,"
                    + " channel, message_ts, posted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
            insert.setString(1, notice.executionId());
            insert.setString(2, notice.stepPath());
            insert.setString(3, notice.connectorId());
            insert.setString(4, notice.channel());
            insert.setString(5, notice.messageTs());
            EpochMicros.bind(insert, 6, notice.postedAt());
            insert.executeUpdate();
            return null;
        });
    }

    @Override
    public List<Notice> notices(String executionId, String stepPath) {
        return database.read("read the decision messages of execution " + executionId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT connector_id, channel, message_ts, "
                    + "posted_at FROM decision_notices WHERE execution_id = ? AND step_path = ? ORDER BY posted_at")) {
                select.setString(1, executionId);
                select.setString(2, stepPath);
                List<Notice> notices = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        notices.add(new Notice(executionId, stepPath, row.getString(1), row.getString(2),
                                row.getString(3), EpochMicros.read(row, 4)));
                    }
                }
                return notices;
            }
        });
    }

    @Override
    public void note(Entry entry) {
        database.writer().write("record a decision " + entry.event() + " of execution " + entry.executionId(), tx -> {
            PreparedStatement insert = tx.prepare(INSERT);
            bind(insert, UUID.randomUUID().toString(), entry);
            insert.executeUpdate();
            return null;
        });
    }

    /** The id of a once-per-decision event: the request's is the one {@link #record} also writes. */
    private static String key(String event, String executionId, String stepPath) {
        return event + ":" + executionId + ":" + stepPath;
    }

    private static void bind(PreparedStatement insert, String id, Entry entry) throws java.sql.SQLException {
        insert.setString(1, id);
        insert.setString(2, entry.executionId());
        insert.setString(3, entry.stepPath());
        EpochMicros.bind(insert, 4, entry.at());
        insert.setString(5, entry.event());
        insert.setString(6, entry.actor());
        insert.setString(7, entry.channel());
        insert.setString(8, entry.choice());
        insert.setString(9, entry.reason());
    }

    @Override
    public boolean firstUse(String token, String executionId, Instant at) {
        return database.writer().write("record the use of a decision link of execution " + executionId, tx -> {
            PreparedStatement insert = tx.prepare(USE);
            insert.setString(1, token);
            insert.setString(2, executionId);
            EpochMicros.bind(insert, 3, at);
            return insert.executeUpdate() == 1;
        });
    }

    @Override
    public List<Entry> entries(String executionId) {
        return database.read("read the decision trail of execution " + executionId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT)) {
                select.setString(1, executionId);
                List<Entry> entries = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        entries.add(new Entry(row.getString(1), row.getString(2), EpochMicros.read(row, 3),
                                row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                                row.getString(8)));
                    }
                }
                return entries;
            }
        });
    }
}
