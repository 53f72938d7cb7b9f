package dev.vigil.store;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.store.JobStore.Lease;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims, heartbeats and releases: which node works on which execution. A claim is a SELECT of due rows (on
 * PostgreSQL {@code FOR UPDATE SKIP LOCKED}, so nodes claiming at once take different rows without waiting for each
 * other) and an UPDATE of their lease in the same transaction. The status is left alone: the worker sets it to
 * running when it starts.
 */
final class Leases {

    private static final String DUE = "SELECT " + ExecutionState.COLUMNS + " FROM executions WHERE status IN " + Statuses.CLAIMABLE + " AND run_after <= ? "
            + "AND (lease_until IS NULL OR lease_until <= ?) ORDER BY run_after, created_at, id LIMIT ?";
    private static final String LEASE = "UPDATE executions SET lease_owner = ?, lease_until = ? WHERE id = ?";
    private static final String EXTEND = "UPDATE executions SET lease_until = ? WHERE id = ? AND lease_owner = ?";
    private static final String CANCEL_FLAG = "SELECT cancel_requested FROM executions WHERE id = ?";
    /*
     * The due time a releasing node gives is overruled in two cases, both races with the node's run: a cancel
     * requested while it ran but not acted on (due at once, and the next claim cancels it), and an answer that
     * arrived for the step the execution now waits on (due at once, from the answer's time).
     */
    private static final String RELEASE = "UPDATE executions SET lease_owner = NULL, lease_until = NULL, run_after = "
            + "CASE WHEN status IN " + Statuses.TERMINAL + " THEN NULL "
            + "WHEN cancel_requested THEN created_at "
            + "WHEN status = 'waiting_for_input' THEN COALESCE((SELECT MIN(a.responded_at) FROM answers a "
            + "JOIN step_executions s ON s.execution_id = a.execution_id AND s.path = a.step_path "
            + "WHERE a.execution_id = executions.id AND s.status = 'waiting_for_input'), ?) "
            + "ELSE ? END WHERE id = ? AND lease_owner = ?";

    private Leases() {
    }

    static List<ExecutionRecord> claim(Tx tx, String nodeId, int max, Instant now, Instant leaseUntil)
            throws SQLException {
        PreparedStatement due = tx.prepare(DUE + tx.dialect.skipLocked);
        EpochMicros.bind(due, 1, now);
        EpochMicros.bind(due, 2, now);
        due.setInt(3, max);
        List<String> leased = new ArrayList<>();
        List<ExecutionState> cancelled = new ArrayList<>();
        try (ResultSet row = due.executeQuery()) {
            while (row.next()) {
                ExecutionState execution = ExecutionState.read(row);
                if (execution.cancelRequested()) {
                    // asked to cancel while nobody could act on it: cancel it now instead of running it
                    cancelled.add(execution);
                } else {
                    leased.add(execution.id());
                }
            }
        }
        for (ExecutionState execution : cancelled) {
            Cancellation.cancelNow(tx, execution.id(), now);
            if (execution.holdsPlace()) {
                Admission.release(tx, execution.workflowId(), execution.concurrencyKey(), now);
            }
        }
        PreparedStatement lease = tx.prepare(LEASE);
        for (String id : leased) {
            lease.setString(1, nodeId);
            EpochMicros.bind(lease, 2, leaseUntil);
            lease.setString(3, id);
            lease.addBatch();
        }
        if (!leased.isEmpty()) {
            lease.executeBatch();
        }
        return read(tx, leased);
    }

    /** The records of the claimed executions, in claim order. */
    private static List<ExecutionRecord> read(Tx tx, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String sql = StoredExecution.SELECT + " WHERE e.id IN (" + StoredExecution.marks(ids.size()) + ")";
        Map<String, ExecutionRecord> byId = new HashMap<>();
        try (PreparedStatement select = tx.connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                select.setString(i + 1, ids.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ExecutionRecord record = StoredExecution.read(row);
                    byId.put(record.id(), record);
                }
            }
        }
        List<ExecutionRecord> claimed = new ArrayList<>(ids.size());
        for (String id : ids) {
            claimed.add(byId.get(id));
        }
        return Collections.unmodifiableList(claimed);
    }

    static Lease heartbeat(Tx tx, String executionId, String nodeId, Instant leaseUntil) throws SQLException {
        PreparedStatement extend = tx.prepare(EXTEND);
        EpochMicros.bind(extend, 1, leaseUntil);
        extend.setString(2, executionId);
        extend.setString(3, nodeId);
        if (extend.executeUpdate() == 0) {
            return Lease.LOST;
        }
        PreparedStatement flag = tx.prepare(CANCEL_FLAG);
        flag.setString(1, executionId);
        try (ResultSet row = flag.executeQuery()) {
            return row.next() && row.getBoolean(1) ? Lease.CANCEL_REQUESTED : Lease.HELD;
        }
    }

    static void release(Tx tx, String executionId, String nodeId, Instant runAfter) throws SQLException {
        PreparedStatement release = tx.prepare(RELEASE);
        EpochMicros.bind(release, 1, runAfter);
        EpochMicros.bind(release, 2, runAfter);
        release.setString(3, executionId);
        release.setString(4, nodeId);
        release.executeUpdate();
    }
}
