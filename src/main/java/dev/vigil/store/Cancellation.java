package dev.vigil.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Cancelling an execution wherever it is. Nobody holds it (pending, queued, waiting, or its node died): it is
 * cancelled at once with its unfinished steps, since no run will ever write its end. A node holds it: only that
 * node can stop the run, so the row is flagged and the node's next heartbeat says so.
 */
final class Cancellation {

    enum Outcome { FINISHED_ALREADY, FLAGGED, CANCELLED }

    private static final String CANCEL_EXECUTION = "UPDATE executions SET status = 'cancelled', finished_at = ?, "
            + "lease_owner = NULL, lease_until = NULL, run_after = NULL, cancel_requested = TRUE WHERE id = ?";
    // every unfinished step, not only waiting ones: a dead node's running step would otherwise stay running forever
    private static final String CANCEL_STEPS = "UPDATE step_executions SET status = 'cancelled', finished_at = ? "
            + "WHERE execution_id = ? AND status NOT IN " + Statuses.TERMINAL;
    private static final String FLAG = "UPDATE executions SET cancel_requested = TRUE WHERE id = ?";

    private Cancellation() {
    }

    /** Cancels or flags; the caller gives back the concurrency place of one cancelled at once. */
    static Outcome request(Tx tx, ExecutionState execution, Instant now) throws SQLException {
        if (execution.status().terminal()) {
            return Outcome.FINISHED_ALREADY;
        }
        if (execution.held(now)) {
            PreparedStatement flag = tx.prepare(FLAG);
            flag.setString(1, execution.id());
            flag.executeUpdate();
            return Outcome.FLAGGED;
        }
        cancelNow(tx, execution.id(), now);
        return Outcome.CANCELLED;
    }

    static void cancelNow(Tx tx, String executionId, Instant now) throws SQLException {
        PreparedStatement execution = tx.prepare(CANCEL_EXECUTION);
        EpochMicros.bind(execution, 1, now);
        execution.setString(2, executionId);
        execution.executeUpdate();
        PreparedStatement steps = tx.prepare(CANCEL_STEPS);
        EpochMicros.bind(steps, 1, now);
        steps.setString(2, executionId);
        steps.executeUpdate();
    }
}
