package dev.vigil.store;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/** An execution record encoded for its row, and the SQL that writes and reads it. */
record StoredExecution(ExecutionRecord record, StoredValue inputs, StoredValue event, StoredValue output,
                       StoredValue error, StoredValue metadata) {

    /** The columns of the record itself, in {@link #bind} order. */
    private static final String RECORD_COLUMNS = "id, workflow_id, workflow_name, status, triggered_by, executed_by, "
            + "test_run, created_at, started_at, finished_at, inputs, inputs_blob, event, event_blob, output, "
            + "output_blob, error, error_blob, metadata, metadata_blob";
    private static final int RECORD_COLUMN_COUNT = 20;

    /** Inserts a record, or updates the record's own columns and nothing else (lease, queue and group stay). */
    static final String UPSERT = "INSERT INTO executions (" + RECORD_COLUMNS + ") VALUES (" + marks(RECORD_COLUMN_COUNT)
            + ") ON CONFLICT (id) DO UPDATE SET workflow_id = excluded.workflow_id, "
            + "workflow_name = excluded.workflow_name, status = excluded.status, triggered_by = excluded.triggered_by, "
            + "executed_by = excluded.executed_by, test_run = excluded.test_run, created_at = excluded.created_at, "
            + "started_at = excluded.started_at, finished_at = excluded.finished_at, inputs = excluded.inputs, "
            + "inputs_blob = excluded.inputs_blob, event = excluded.event, event_blob = excluded.event_blob, "
            + "output = excluded.output, output_blob = excluded.output_blob, error = excluded.error, "
            + "error_blob = excluded.error_blob, metadata = excluded.metadata, metadata_blob = excluded.metadata_blob";

    /** A new execution with its source, due time and concurrency group. */
    static final String INSERT = "INSERT INTO executions (" + RECORD_COLUMNS + ", source_hash, run_after, "
            + "concurrency_key, admitted) VALUES (" + marks(RECORD_COLUMN_COUNT + 4) + ")";

    /** Selects whole records: {@code FROM executions e}, values resolved from blobs. */
    static final String SELECT = "SELECT e.id, e.workflow_id, e.workflow_name, e.status, e.triggered_by, "
            + "e.executed_by, e.test_run, e.created_at, e.started_at, e.finished_at, "
            + StoredValue.select("e", "inputs") + ", " + StoredValue.select("e", "event") + ", "
            + StoredValue.select("e", "output") + ", " + StoredValue.select("e", "error") + ", "
            + StoredValue.select("e", "metadata") + " FROM executions e";

    static StoredExecution encode(ValueCodec codec, ExecutionRecord record) {
        require(record.id() != null, "an execution record needs an id");
        String of = " of execution " + record.id();
        require(record.workflowId() != null, "workflowId" + of + " is null");
        require(record.status() != null, "status" + of + " is null");
        require(record.createdAt() != null, "createdAt" + of + " is null");
        return new StoredExecution(record, codec.encode(() -> "inputs" + of, record.inputs()),
                codec.encode(() -> "event" + of, record.event()), codec.encode(() -> "output" + of, record.output()),
                codec.encode(() -> "error" + of, record.error()), codec.encode(() -> "metadata" + of, record.metadata()));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** This execution ended as the store decided (skipped by its concurrency rule) rather than as given. */
    StoredExecution ended(ExecutionStatus status, Instant at, Map<String, Object> reason) {
        ExecutionRecord r = record;
        ExecutionRecord ended = new ExecutionRecord(r.id(), r.workflowId(), r.workflowName(), status, r.triggeredBy(),
                r.executedBy(), r.testRun(), r.createdAt(), r.startedAt(), at, r.inputs(), r.event(), r.output(),
                reason, r.metadata());
        return new StoredExecution(ended, inputs, event, output, StoredValue.small(reason), metadata);
    }

    /** This execution with another status (queued by its concurrency rule). */
    StoredExecution withStatus(ExecutionStatus status) {
        ExecutionRecord r = record;
        return new StoredExecution(new ExecutionRecord(r.id(), r.workflowId(), r.workflowName(), status,
                r.triggeredBy(), r.executedBy(), r.testRun(), r.createdAt(), r.startedAt(), r.finishedAt(), r.inputs(),
                r.event(), r.output(), r.error(), r.metadata()), inputs, event, output, error, metadata);
    }

    void saveBlobs(Tx tx) throws SQLException {
        inputs.saveBlob(tx);
        event.saveBlob(tx);
        output.saveBlob(tx);
        error.saveBlob(tx);
        metadata.saveBlob(tx);
    }

    /** Binds the record's columns from parameter 1; returns the next parameter index. */
    int bind(PreparedStatement statement) throws SQLException {
        ExecutionRecord r = record;
        statement.setString(1, r.id());
        statement.setString(2, r.workflowId());
        statement.setString(3, r.workflowName());
        statement.setString(4, r.status().wire());
        statement.setString(5, r.triggeredBy());
        statement.setString(6, r.executedBy());
        statement.setBoolean(7, r.testRun());
        EpochMicros.bind(statement, 8, r.createdAt());
        EpochMicros.bind(statement, 9, r.startedAt());
        EpochMicros.bind(statement, 10, r.finishedAt());
        inputs.bind(statement, 11);
        event.bind(statement, 13);
        output.bind(statement, 15);
        error.bind(statement, 17);
        metadata.bind(statement, 19);
        return RECORD_COLUMN_COUNT + 1;
    }

    static ExecutionRecord read(ResultSet row) throws SQLException {
        return new ExecutionRecord(row.getString("id"), row.getString("workflow_id"), row.getString("workflow_name"),
                ExecutionStatus.fromWire(row.getString("status")), row.getString("triggered_by"),
                row.getString("executed_by"), row.getBoolean("test_run"), EpochMicros.read(row, "created_at"),
                EpochMicros.read(row, "started_at"), EpochMicros.read(row, "finished_at"),
                ValueCodec.decodeMap(row.getString("inputs")), ValueCodec.decode(row.getString("event")),
                ValueCodec.decode(row.getString("output")), ValueCodec.decodeMap(row.getString("error")),
                ValueCodec.decodeMap(row.getString("metadata")));
    }

    static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
