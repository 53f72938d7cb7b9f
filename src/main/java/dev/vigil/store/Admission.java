package dev.vigil.store;

import dev.vigil.engine.ExecutionStatus;
import dev.vigil.model.Durations;
import dev.vigil.store.JobStore.ConcurrencyRule;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code settings.concurrency}: how many executions of one (workflow, key) group run at once, and what happens to
 * the others. Every decision is taken in the transaction that stores its outcome, with the group's row locked
 * (PostgreSQL; SQLite has one writer), so two nodes admitting at once cannot both take the last place.
 *
 * <p>A place is held by an admitted execution until it finishes; the count is of rows (admitted and not terminal),
 * not a counter, so it cannot drift from the executions themselves.
 */
final class Admission {

    private enum Strategy {
        DROP("drop"), CANCEL_IN_PROGRESS("cancel-in-progress"), QUEUE("queue");

        final String wire;

        Strategy(String wire) {
            this.wire = wire;
        }

        static Strategy of(String text) {
            for (Strategy s : values()) {
                if (s.wire.equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown concurrency strategy '" + text
                    + "'; expected drop, cancel-in-progress or queue");
        }
    }

    /** The rule in force for a group, as its row stores it. */
    private record GroupRule(int max, Strategy strategy, int queueSize, Duration queueTtl) {
    }

    // the upsert also takes the group row's lock until commit: the serialization point of admissions
    private static final String SAVE_GROUP = "INSERT INTO concurrency_groups (workflow_id, group_key, max_admitted, "
            + "strategy, queue_size, queue_ttl) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workflow_id, group_key) DO UPDATE "
            + "SET max_admitted = excluded.max_admitted, strategy = excluded.strategy, queue_size = excluded.queue_size, "
            + "queue_ttl = excluded.queue_ttl";
    private static final String LOCK_GROUP = "SELECT max_admitted, strategy, queue_size, queue_ttl FROM "
            + "concurrency_groups WHERE workflow_id = ? AND group_key = ?";
    private static final String COUNT_ADMITTED = "SELECT COUNT(*) FROM executions WHERE workflow_id = ? "
            + "AND concurrency_key = ? AND admitted = TRUE AND status NOT IN " + Statuses.TERMINAL;
    private static final String COUNT_QUEUED = "SELECT COUNT(*) FROM executions WHERE workflow_id = ? "
            + "AND concurrency_key = ? AND status = 'queued'";
    private static final String OLDEST_QUEUED = "SELECT id FROM executions WHERE workflow_id = ? "
            + "AND concurrency_key = ? AND status = 'queued' ORDER BY created_at, id LIMIT 1";
    private static final String PROMOTE = "UPDATE executions SET status = 'pending', admitted = TRUE, run_after = ? "
            + "WHERE id = ? AND status = 'queued'";
    private static final String EXPIRE = "UPDATE executions SET status = 'skipped', finished_at = ?, error = ?, "
            + "error_blob = NULL, run_after = NULL WHERE workflow_id = ? AND concurrency_key = ? AND status = 'queued' "
            + "AND created_at < ?";

    private Admission() {
    }

    static void check(ConcurrencyRule rule) {
        if (rule.workflowId() == null || rule.key() == null) {
            throw new IllegalArgumentException("a concurrency rule needs a workflow id and a rendered key: " + rule);
        }
        Strategy strategy = Strategy.of(rule.strategy());
        if (rule.max() < 1) {
            throw new IllegalArgumentException("concurrency max must be at least 1, not " + rule.max());
        }
        if (strategy == Strategy.QUEUE && rule.queueSize() < 1) {
            throw new IllegalArgumentException("concurrency queue-size must be at least 1, not " + rule.queueSize());
        }
        if (rule.queueTtl() != null && (rule.queueTtl().isNegative() || rule.queueTtl().isZero())) {
            throw new IllegalArgumentException("concurrency queue-ttl must be positive, not " + rule.queueTtl());
        }
    }

    /**
     * Decides what becomes of a new execution of the rule's group, as of {@code now}, and does what the decision
     * takes (cancelling older runs for cancel-in-progress). Returns the execution as it must be stored and whether
     * it holds a place.
     */
    static Admitted admit(Tx tx, StoredExecution execution, ConcurrencyRule rule, Instant now) throws SQLException {
        GroupRule group = new GroupRule(rule.max(), Strategy.of(rule.strategy()), rule.queueSize(), rule.queueTtl());
        saveGroup(tx, rule, group);
        String workflowId = rule.workflowId();
        String key = rule.key();
        expireQueued(tx, workflowId, key, group, now);
        if (group.strategy == Strategy.CANCEL_IN_PROGRESS) {
            List<ExecutionState> running = ExecutionState.runningInGroup(tx, workflowId, key);
            for (int i = 0; i < running.size() - group.max + 1; i++) {
                Cancellation.request(tx, running.get(i), now); // the new one takes the place: no promotion
            }
            return new Admitted(execution, true);
        }
        // queued ones go first when places are free (they normally are promoted the moment one frees up)
        long admitted = group.strategy == Strategy.QUEUE ? fill(tx, workflowId, key, group, now)
                : count(tx, COUNT_ADMITTED, workflowId, key);
        if (admitted < group.max) {
            return new Admitted(execution, true);
        }
        String what = "execution of workflow '" + workflowId + "' with concurrency key '" + key + "'";
        if (group.strategy == Strategy.DROP) {
            return new Admitted(execution.ended(ExecutionStatus.SKIPPED, now, reason("ConcurrencyLimit",
                    "dropped: " + admitted + " " + what + (admitted == 1 ? " is" : "s are") + " already running (max "
                            + group.max + ", strategy drop)")), false);
        }
        long queued = count(tx, COUNT_QUEUED, workflowId, key);
        if (queued < group.queueSize) {
            return new Admitted(execution.withStatus(ExecutionStatus.QUEUED), false);
        }
        return new Admitted(execution.ended(ExecutionStatus.SKIPPED, now, reason("ConcurrencyLimit",
                "skipped: the queue of concurrency key '" + key + "' of workflow '" + workflowId + "' is full ("
                        + queued + " queued, queue-size " + group.queueSize + ")")), false);
    }

    /** A new execution as admission left it. */
    record Admitted(StoredExecution execution, boolean holdsPlace) {
    }

    /**
     * An admitted execution of the group finished: while places are free, the oldest queued execution becomes
     * pending and due at {@code now}; those queued longer than the queue-ttl are skipped instead.
     */
    static void release(Tx tx, String workflowId, String key, Instant now) throws SQLException {
        GroupRule group = lockGroup(tx, workflowId, key);
        if (group == null) {
            return;
        }
        expireQueued(tx, workflowId, key, group, now);
        fill(tx, workflowId, key, group, now);
    }

    /** Promotes the oldest queued executions while places are free; returns how many places are taken. */
    private static long fill(Tx tx, String workflowId, String key, GroupRule group, Instant now) throws SQLException {
        long admitted = count(tx, COUNT_ADMITTED, workflowId, key);
        while (admitted < group.max) {
            String next = oldestQueued(tx, workflowId, key);
            if (next == null) {
                break;
            }
            PreparedStatement promote = tx.prepare(PROMOTE);
            EpochMicros.bind(promote, 1, now);
            promote.setString(2, next);
            // zero rows: another node cancelled it since we looked; the loop takes the next one
            admitted += promote.executeUpdate();
        }
        return admitted;
    }

    private static void saveGroup(Tx tx, ConcurrencyRule rule, GroupRule group) throws SQLException {
        PreparedStatement save = tx.prepare(SAVE_GROUP);
        save.setString(1, rule.workflowId());
        save.setString(2, rule.key());
        save.setInt(3, group.max);
        save.setString(4, group.strategy.wire);
        save.setInt(5, group.queueSize);
        if (group.queueTtl == null) {
            save.setNull(6, Types.BIGINT);
        } else {
            save.setLong(6, group.queueTtl.toNanos() / 1_000);
        }
        save.executeUpdate();
    }

    private static GroupRule lockGroup(Tx tx, String workflowId, String key) throws SQLException {
        PreparedStatement select = tx.prepare(LOCK_GROUP + tx.dialect.forUpdate);
        select.setString(1, workflowId);
        select.setString(2, key);
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return null;
            }
            long ttlMicros = row.getLong("queue_ttl");
            Duration ttl = row.wasNull() ? null : Duration.ofNanos(ttlMicros * 1_000);
            return new GroupRule(row.getInt("max_admitted"), Strategy.of(row.getString("strategy")),
                    row.getInt("queue_size"), ttl);
        }
    }

    private static void expireQueued(Tx tx, String workflowId, String key, GroupRule group, Instant now)
            throws SQLException {
        if (group.queueTtl == null) {
            return;
        }
        PreparedStatement expire = tx.prepare(EXPIRE);
        EpochMicros.bind(expire, 1, now);
        expire.setString(2, StoredValue.small(reason("QueueTimeout", "skipped: queued for longer than the "
                + "queue-ttl of " + Durations.format(group.queueTtl) + " without a free place for concurrency key '"
                + key + "'")).inline());
        expire.setString(3, workflowId);
        expire.setString(4, key);
        EpochMicros.bind(expire, 5, now.minus(group.queueTtl));
        expire.executeUpdate();
    }

    private static String oldestQueued(Tx tx, String workflowId, String key) throws SQLException {
        PreparedStatement select = tx.prepare(OLDEST_QUEUED);
        select.setString(1, workflowId);
        select.setString(2, key);
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static long count(Tx tx, String sql, String workflowId, String key) throws SQLException {
        PreparedStatement select = tx.prepare(sql);
        select.setString(1, workflowId);
        select.setString(2, key);
        try (ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Map<String, Object> reason(String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("message", message);
        return error;
    }
}
