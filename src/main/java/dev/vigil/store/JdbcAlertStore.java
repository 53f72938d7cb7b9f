package dev.vigil.store;

import dev.vigil.engine.Ids;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link AlertStore} on the job store's database, writing through its single writer, so an alert shares the
 * group commits of the executions it starts.
 *
 * <p>How dedup stays exact with several nodes. Each dedup key has one row in {@code alert_dedup}: the original
 * of its current window and when that window ends. A new alert takes the row with one statement,
 * {@code INSERT ... ON CONFLICT (dedup_key) DO UPDATE ... WHERE the window has ended}: it inserts the row (first
 * alert of the key), or replaces it (the last window has ended), or changes nothing (the window is open: a
 * duplicate). The statement is atomic on both databases: on PostgreSQL a second node inserting the same key waits
 * for the first one's transaction, then sees its row and its window; on SQLite the file has one writer. So two
 * identical alerts at once never both become originals, and the decision and the alert's row are one
 * transaction. We chose a row per key over a row per (key, window bucket): fixed buckets would let two identical
 * alerts a second apart across a bucket boundary both be originals, while here the window runs from the original.
 */
public final class JdbcAlertStore implements AlertStore {

    private static final String TAKE_WINDOW = "INSERT INTO alert_dedup (dedup_key, original_id, window_end) "
            + "VALUES (?, ?, ?) ON CONFLICT (dedup_key) DO UPDATE SET original_id = excluded.original_id, "
            + "window_end = excluded.window_end WHERE alert_dedup.window_end <= ?";
    private static final String ORIGINAL = "SELECT original_id FROM alert_dedup WHERE dedup_key = ?";
    private static final String INSERT = "INSERT INTO alerts (id, received_at, source, rule_id, rule_name, dedup_key, "
            + "duplicate_of, body, body_blob) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT a.id, a.received_at, a.source, a.rule_id, a.rule_name, a.dedup_key, "
            + "a.duplicate_of, " + StoredValue.select("a", "body") + " FROM alerts a WHERE a.id = ?";
    private static final String INSERT_JOB = "INSERT INTO alert_jobs (alert_id, execution_id, workflow_id) "
            + "VALUES (?, ?, ?) ON CONFLICT (alert_id, execution_id) DO NOTHING";
    // execution ids are UUIDv7: creation order to the millisecond, and stable
    private static final String SELECT_JOBS = "SELECT workflow_id, execution_id FROM alert_jobs WHERE alert_id = ? "
            + "ORDER BY execution_id";

    private final JdbcJobStore jobs;
    private final Duration window;

    /** @param window how long after an original the same dedup key makes a duplicate ({@link #DEFAULT_WINDOW}) */
    public JdbcAlertStore(JdbcJobStore jobs, Duration window) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the dedup window must be positive, not " + window);
        }
        this.window = window;
    }

    @Override
    public Alert record(NewAlert alert) {
        Objects.requireNonNull(alert.receivedAt(), "receivedAt");
        Objects.requireNonNull(alert.source(), "source");
        if (alert.dedupKey() == null || alert.dedupKey().isBlank()) {
            throw new IllegalArgumentException("an alert needs a dedup key");
        }
        String id = Ids.next(alert.receivedAt().toEpochMilli());
        // encoded on the caller's thread, size checked before anything is written, as the job store does
        StoredValue body = jobs.codec().encode(() -> "body of alert " + id, alert.body());
        return jobs.writer().write("record alert " + id, tx -> {
            String duplicateOf = takeWindow(tx, id, alert);
            body.saveBlob(tx);
            PreparedStatement insert = tx.prepare(INSERT);
            insert.setString(1, id);
            EpochMicros.bind(insert, 2, alert.receivedAt());
            insert.setString(3, alert.source());
            insert.setString(4, alert.ruleId());
            insert.setString(5, alert.ruleName());
            insert.setString(6, alert.dedupKey());
            insert.setString(7, duplicateOf);
            body.bind(insert, 8);
            insert.executeUpdate();
            return new Alert(id, alert.receivedAt(), alert.source(), alert.ruleId(), alert.ruleName(),
                    alert.dedupKey(), duplicateOf, alert.body());
        });
    }

    /** Takes the key's window for this alert; returns null when it did (an original), else the window's original. */
    private String takeWindow(Tx tx, String id, NewAlert alert) throws SQLException {
        PreparedStatement take = tx.prepare(TAKE_WINDOW);
        take.setString(1, alert.dedupKey());
        take.setString(2, id);
        EpochMicros.bind(take, 3, alert.receivedAt().plus(window));
        EpochMicros.bind(take, 4, alert.receivedAt());
        if (take.executeUpdate() == 1) {
            return null;
        }
        PreparedStatement original = tx.prepare(ORIGINAL);
        original.setString(1, alert.dedupKey());
        try (ResultSet row = original.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("the dedup row of key " + alert.dedupKey() + " vanished");
            }
            return row.getString(1);
        }
    }

    @Override
    public void addJobs(String alertId, List<Job> started) {
        if (started.isEmpty()) {
            return;
        }
        jobs.writer().write("link " + started.size() + " jobs to alert " + alertId, tx -> {
            PreparedStatement insert = tx.prepare(INSERT_JOB);
            for (Job job : started) {
                insert.setString(1, alertId);
                insert.setString(2, job.executionId());
                insert.setString(3, job.workflowId());
                insert.addBatch();
            }
            insert.executeBatch();
            return null;
        });
    }

    @Override
    public Optional<Alert> alert(String alertId) {
        return jobs.read("read alert " + alertId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT)) {
                select.setString(1, alertId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Alert(row.getString("id"), EpochMicros.read(row, "received_at"),
                            row.getString("source"), row.getString("rule_id"), row.getString("rule_name"),
                            row.getString("dedup_key"), row.getString("duplicate_of"),
                            ValueCodec.decodeMap(row.getString("body"))));
                }
            }
        });
    }

    @Override
    public List<Job> jobs(String alertId) {
        return jobs.read("read the jobs of alert " + alertId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_JOBS)) {
                select.setString(1, alertId);
                List<Job> found = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        found.add(new Job(row.getString("workflow_id"), row.getString("execution_id")));
                    }
                }
                return List.copyOf(found);
            }
        });
    }
}
