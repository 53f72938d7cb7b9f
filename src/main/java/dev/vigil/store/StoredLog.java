package dev.vigil.store;

import dev.vigil.engine.LogEntry;
import dev.vigil.secrets.KnownSecrets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** A log line of an execution, and the SQL that writes and reads it. */
record StoredLog(String executionId, LogEntry entry) {

    static final String INSERT = "INSERT INTO execution_logs (execution_id, logged_at, level, message, step_path, "
            + "step_name) VALUES (?, ?, ?, ?, ?, ?)";

    /** In the order written: ids grow with every insert, and one node at a time writes an execution. */
    static final String SELECT_OF_EXECUTION = "SELECT logged_at, level, message, step_path, step_name "
            + "FROM execution_logs WHERE execution_id = ? ORDER BY id";

    static StoredLog encode(ValueCodec codec, String executionId, LogEntry entry) {
        if (executionId == null || entry.timestamp() == null) {
            throw new IllegalArgumentException("a log entry needs an execution id and a timestamp: " + executionId
                    + ", " + entry);
        }
        String message = KnownSecrets.redact(codec.text("log message of execution " + executionId, entry.message()));
        return new StoredLog(executionId, message == entry.message() ? entry
                : new LogEntry(entry.timestamp(), entry.level(), message, entry.stepPath(), entry.stepName()));
    }

    /** Saves the log lines in order, in one statement batch. */
    static void saveAll(Tx tx, List<StoredLog> logs) throws SQLException {
        if (logs.isEmpty()) {
            return;
        }
        PreparedStatement insert = tx.prepare(INSERT);
        for (StoredLog log : logs) {
            insert.setString(1, log.executionId);
            EpochMicros.bind(insert, 2, log.entry.timestamp());
            insert.setString(3, log.entry.level());
            insert.setString(4, log.entry.message());
            insert.setString(5, log.entry.stepPath());
            insert.setString(6, log.entry.stepName());
            insert.addBatch();
        }
        insert.executeBatch();
    }

    static LogEntry read(ResultSet row) throws SQLException {
        return new LogEntry(EpochMicros.read(row, "logged_at"), row.getString("level"), row.getString("message"),
                row.getString("step_path"), row.getString("step_name"));
    }
}
