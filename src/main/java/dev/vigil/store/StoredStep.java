package dev.vigil.store;

import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.StepExecution;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/** A step execution encoded for its row, and the SQL that writes and reads it. */
record StoredStep(StepExecution step, StoredValue input, StoredValue output, StoredValue error, StoredValue state) {

    /** Inserts or replaces the step execution with the same id (the journal's contract). */
    static final String UPSERT = "INSERT INTO step_executions (execution_id, id, path, name, type, status, "
            + "step_index, attempt, started_at, finished_at, input, input_blob, output, output_blob, error, error_blob, "
            + "state, state_blob, mocked) VALUES (" + StoredExecution.marks(19) + ") "
            + "ON CONFLICT (execution_id, id) DO UPDATE SET path = excluded.path, name = excluded.name, "
            + "type = excluded.type, status = excluded.status, step_index = excluded.step_index, "
            + "attempt = excluded.attempt, started_at = excluded.started_at, finished_at = excluded.finished_at, "
            + "input = excluded.input, input_blob = excluded.input_blob, output = excluded.output, "
            + "output_blob = excluded.output_blob, error = excluded.error, error_blob = excluded.error_blob, "
            + "state = excluded.state, state_blob = excluded.state_blob, mocked = excluded.mocked";

    /** Every step execution of one execution in start order. */
    static final String SELECT_OF_EXECUTION = "SELECT s.execution_id, s.id, s.path, s.name, s.type, s.status, "
            + "s.step_index, s.attempt, s.started_at, s.finished_at, " + StoredValue.select("s", "input") + ", "
            + StoredValue.select("s", "output") + ", " + StoredValue.select("s", "error") + ", "
            + StoredValue.select("s", "state") + ", s.mocked FROM step_executions s WHERE s.execution_id = ? "
            + "ORDER BY s.step_index, s.id";

    /**
     * Encodes the step's values, reusing those of {@code earlier} (the same step's record saved a moment before and
     * not yet written) that are the very same objects: the executor saves a step when it starts and again when it
     * finishes with the same input, and a {@code data.set} step's output is its input, so most values would
     * otherwise be turned into JSON two or three times.
     */
    static StoredStep encode(ValueCodec codec, StepExecution step, StoredStep earlier) {
        if (step.id() == null || step.executionId() == null || step.path() == null || step.status() == null) {
            throw new IllegalArgumentException("a step execution needs an id, an execution id, a path and a status: "
                    + step.id() + ", " + step.executionId() + ", " + step.path() + ", " + step.status());
        }
        StepExecution before = earlier != null && earlier.step.id().equals(step.id()) ? earlier.step : null;
        StoredValue input = before != null && before.input() == step.input() ? earlier.input
                : codec.encode(() -> "input" + of(step), step.input());
        StoredValue output = step.output() == step.input() ? input
                : before != null && before.output() == step.output() ? earlier.output
                : codec.encode(() -> "output" + of(step), step.output());
        return new StoredStep(step, input, output, codec.encode(() -> "error" + of(step), step.error()),
                codec.encode(() -> "state" + of(step), step.state()));
    }

    private static String of(StepExecution step) {
        return " of step " + step.path() + " in execution " + step.executionId();
    }

    /** Saves the step executions in one statement batch (one round trip on PostgreSQL). */
    static void saveAll(Tx tx, Collection<StoredStep> steps) throws SQLException {
        if (steps.isEmpty()) {
            return;
        }
        for (StoredStep step : steps) {
            step.saveBlobs(tx); // before the rows that reference them
        }
        PreparedStatement upsert = tx.prepare(UPSERT);
        for (StoredStep step : steps) {
            step.bind(upsert);
            upsert.addBatch();
        }
        upsert.executeBatch();
    }

    private void saveBlobs(Tx tx) throws SQLException {
        input.saveBlob(tx);
        output.saveBlob(tx);
        error.saveBlob(tx);
        state.saveBlob(tx);
    }

    private void bind(PreparedStatement upsert) throws SQLException {
        StepExecution s = step;
        upsert.setString(1, s.executionId());
        upsert.setString(2, s.id());
        upsert.setString(3, s.path());
        upsert.setString(4, s.name());
        upsert.setString(5, s.type());
        upsert.setString(6, s.status().wire());
        upsert.setInt(7, s.index());
        upsert.setInt(8, s.attempt());
        EpochMicros.bind(upsert, 9, s.startedAt());
        EpochMicros.bind(upsert, 10, s.finishedAt());
        input.bind(upsert, 11);
        output.bind(upsert, 13);
        error.bind(upsert, 15);
        state.bind(upsert, 17);
        upsert.setBoolean(19, s.mocked());
    }

    static StepExecution read(ResultSet row) throws SQLException {
        return new StepExecution(row.getString("id"), row.getString("execution_id"), row.getString("path"),
                row.getString("name"), row.getString("type"), ExecutionStatus.fromWire(row.getString("status")),
                row.getInt("step_index"), row.getInt("attempt"), EpochMicros.read(row, "started_at"),
                EpochMicros.read(row, "finished_at"), ValueCodec.decode(row.getString("input")),
                ValueCodec.decode(row.getString("output")), ValueCodec.decodeMap(row.getString("error")),
                ValueCodec.decodeMap(row.getString("state")), row.getBoolean("mocked"));
    }
}
