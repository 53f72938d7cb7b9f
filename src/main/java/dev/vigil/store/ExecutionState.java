package dev.vigil.store;

import dev.vigil.engine.ExecutionStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The control columns of an execution's row (status, lease, cancel flag, concurrency group), read under a row lock
 * by the units that decide from them: a cancel, a save that may end the execution, an answer.
 */
record ExecutionState(String id, ExecutionStatus status, String leaseOwner, Instant leaseUntil,
                      boolean cancelRequested, String workflowId, String concurrencyKey, boolean admitted) {

    static final String COLUMNS = "id, status, lease_owner, lease_until, cancel_requested, workflow_id, "
            + "concurrency_key, admitted";

    /** Held: a node's lease runs past {@code now}; otherwise nobody works on it (an expired lease is a dead node). */
    boolean held(Instant now) {
        return leaseOwner != null && leaseUntil != null && leaseUntil.isAfter(now);
    }

    /** Holds a place of its concurrency group that it gives back when it finishes. */
    boolean holdsPlace() {
        return admitted && concurrencyKey != null && !status.terminal();
    }

    /** The row, locked until the transaction ends (PostgreSQL); null when there is no such execution. */
    static ExecutionState lock(Tx tx, String executionId) throws SQLException {
        PreparedStatement select = tx.prepare("SELECT " + COLUMNS + " FROM executions WHERE id = ?"
                + tx.dialect.forUpdate);
        select.setString(1, executionId);
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? read(row) : null;
        }
    }

    /**
     * The unfinished admitted executions of a concurrency group not yet asked to cancel, oldest first, locked.
     */
    static List<ExecutionState> runningInGroup(Tx tx, String workflowId, String key) throws SQLException {
        PreparedStatement select = tx.prepare("SELECT " + COLUMNS + " FROM executions WHERE workflow_id = ? "
                + "AND concurrency_key = ? AND admitted = TRUE AND cancel_requested = FALSE AND status NOT IN "
                + Statuses.TERMINAL + " ORDER BY created_at, id" + tx.dialect.forUpdate);
        select.setString(1, workflowId);
        select.setString(2, key);
        List<ExecutionState> running = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                running.add(read(row));
            }
        }
        return running;
    }

    static ExecutionState read(ResultSet row) throws SQLException {
        return new ExecutionState(row.getString("id"), ExecutionStatus.fromWire(row.getString("status")),
                row.getString("lease_owner"), EpochMicros.read(row, "lease_until"), row.getBoolean("cancel_requested"),
                row.getString("workflow_id"), row.getString("concurrency_key"), row.getBoolean("admitted"));
    }
}
