package dev.vigil.store;

import dev.vigil.engine.ExecutionStatus;
import dev.vigil.store.JobStore.Answer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Answers to steps waiting for input. The first answer wins through the database, not a check in Java: the insert
 * does nothing when the (execution, step path) key exists, so of any number of answers sent at once by any number
 * of nodes exactly one is stored, and every caller gets that one back.
 */
final class Answers {

    private static final String INSERT = "INSERT INTO answers (execution_id, step_path, payload, responded_by, "
            + "responded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (execution_id, step_path) DO NOTHING";
    private static final String WAKE = "UPDATE executions SET run_after = ? WHERE id = ? AND status = 'waiting_for_input'";
    private static final String SELECT = "SELECT execution_id, step_path, payload, responded_by, responded_at "
            + "FROM answers WHERE execution_id = ? AND step_path = ?";

    private Answers() {
    }

    /**
     * @param payloadJson the payload as JSON text, size already checked
     */
    static Answer answer(Tx tx, String executionId, String stepPath, String payloadJson, String respondedBy,
                         Instant at) throws SQLException {
        ExecutionState execution = ExecutionState.lock(tx, executionId);
        if (execution == null) {
            throw new IllegalArgumentException("no execution " + executionId + " to answer");
        }
        if (execution.status().terminal()) {
            return find(tx.connection, executionId, stepPath).orElseThrow(() -> new IllegalStateException(
                    "execution " + executionId + " has already finished (" + execution.status().wire()
                            + "); its step " + stepPath + " takes no answer"));
        }
        PreparedStatement insert = tx.prepare(INSERT);
        insert.setString(1, executionId);
        insert.setString(2, stepPath);
        insert.setString(3, payloadJson);
        insert.setString(4, respondedBy);
        EpochMicros.bind(insert, 5, at);
        if (insert.executeUpdate() == 0) {
            return find(tx.connection, executionId, stepPath).orElseThrow();
        }
        if (execution.status() == ExecutionStatus.WAITING_FOR_INPUT) {
            PreparedStatement wake = tx.prepare(WAKE);
            EpochMicros.bind(wake, 1, at);
            wake.setString(2, executionId);
            wake.executeUpdate();
        }
        return new Answer(executionId, stepPath, ValueCodec.decodeMap(payloadJson), respondedBy,
                EpochMicros.toInstant(EpochMicros.of(at)));
    }

    static Optional<Answer> find(Connection connection, String executionId, String stepPath) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, executionId);
            select.setString(2, stepPath);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Answer(row.getString("execution_id"), row.getString("step_path"),
                        ValueCodec.decodeMap(row.getString("payload")), row.getString("responded_by"),
                        EpochMicros.read(row, "responded_at")));
            }
        }
    }
}
