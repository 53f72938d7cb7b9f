package dev.vigil.store;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.LogEntry;
import dev.vigil.engine.StepExecution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link JobStore} over JDBC: an embedded SQLite file by default, PostgreSQL for several nodes, one schema
 * (Flyway migrations per dialect) and one SQL text.
 *
 * <p>How it writes. Every write goes through one {@link GroupCommitWriter} thread, which commits whatever writes
 * are queued at that moment in one transaction: with many executions running, they share commits instead of each
 * paying for its own. Step records and log lines are not even queued at once: they wait in {@link PendingWrites}
 * until the execution's next {@link #flush} or {@link #saveExecution}, which commits them in the same transaction.
 * The executor flushes before and after every step that reaches an outside system, so a crash loses at most the
 * records of steps that touched nothing outside, and those simply run again on replay. Reads use their own small
 * pool (on SQLite, WAL readers that never wait for the writer) and first flush the execution they read, so this
 * process always reads its own writes.
 *
 * <p>Values (inputs, event, output, error, metadata, step input/output/state) are stored as JSON; one above 4 KiB
 * is stored once by its SHA-256 in a blobs table, and one above the maximum value size is refused before anything
 * of its write is stored.
 */
public final class JdbcJobStore implements JobStore, ScheduleSlots {

    private static final String HOLD = "UPDATE executions SET lease_owner = ?, lease_until = ? WHERE id = ?";
    private static final String FINISHED = "UPDATE executions SET lease_owner = NULL, lease_until = NULL, run_after = NULL "
            + "WHERE id = ?";
    public static final long DEFAULT_MAX_VALUE_BYTES = 16L * 1024 * 1024;

    /** Buffered writes of one execution at which a save commits them at once: memory stays bounded in long loops. */
    private static final int BUFFER_LIMIT = 1_000;

    private static final String WORKFLOW_SOURCE = "SELECT e.source_hash, s.source FROM executions e "
            + "LEFT JOIN workflow_sources s ON s.hash = e.source_hash WHERE e.id = ?";
    private static final String SAVE_SOURCE = "INSERT INTO workflow_sources (hash, source) VALUES (?, ?) "
            + "ON CONFLICT (hash) DO NOTHING";
    private static final String CLAIM_SLOT = "INSERT INTO schedule_slots (workflow_id, slot, node_id) VALUES (?, ?, ?) "
            + "ON CONFLICT (workflow_id, slot) DO NOTHING";
    private static final String LAST_SLOT = "SELECT MAX(slot) FROM schedule_slots WHERE workflow_id = ?";

    private final Database database;
    private final ValueCodec codec;
    private final GroupCommitWriter writer;
    private final PendingWrites pending = new PendingWrites();
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcJobStore(Database database, ValueCodec codec) {
        this.database = database;
        this.codec = codec;
        this.writer = GroupCommitWriter.start(database.writes(), database.dialect());
    }

    /** The embedded store: SQLite in {@code dataDir/vigil.db}, the folder created if missing. */
    public static JdbcJobStore embedded(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dataDir.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        return open("jdbc:sqlite:" + dataDir.resolve("vigil.db"));
    }

    /** A store at a JDBC URL ({@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...}). */
    public static JdbcJobStore open(String jdbcUrl) {
        return open(jdbcUrl, null, null, DEFAULT_MAX_VALUE_BYTES);
    }

    public static JdbcJobStore open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, DEFAULT_MAX_VALUE_BYTES);
    }

    /** @param maxValueBytes the largest JSON value (or workflow source, or log message) stored, in bytes */
    public static JdbcJobStore open(String jdbcUrl, String user, String password, long maxValueBytes) {
        ValueCodec codec = new ValueCodec(maxValueBytes); // a bad limit fails before anything is opened
        return new JdbcJobStore(Database.open(jdbcUrl, user, password), codec);
    }

    // ---- the journal ----

    @Override
    public void saveExecution(ExecutionRecord execution) {
        StoredExecution row = StoredExecution.encode(codec, execution);
        String id = execution.id();
        Futures.await(pending.submit(id, batch -> writer.submit("save execution " + id, tx -> {
            save(tx, row);
            batch.save(tx);
            return null;
        })));
    }

    /** Upserts the record; when it ends an execution holding a concurrency place, the place passes on. */
    private static void save(Tx tx, StoredExecution row) throws SQLException {
        ExecutionRecord record = row.record();
        ExecutionState before = ExecutionState.lock(tx, record.id());
        row.saveBlobs(tx);
        PreparedStatement upsert = tx.prepare(StoredExecution.UPSERT);
        row.bind(upsert);
        upsert.executeUpdate();
        if (record.status().terminal()) {
            // a finished execution is nobody's work: its lease ends with the save, not with a second round trip
            PreparedStatement done = tx.prepare(FINISHED);
            done.setString(1, record.id());
            done.executeUpdate();
        }
        if (before != null && before.holdsPlace() && record.status().terminal()) {
            Instant end = record.finishedAt() != null ? record.finishedAt()
                    : record.startedAt() != null ? record.startedAt() : record.createdAt();
            Admission.release(tx, before.workflowId(), before.concurrencyKey(), end);
        }
    }

    @Override
    public Optional<ExecutionRecord> execution(String executionId) {
        flushExecution(executionId);
        return read("read execution " + executionId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(StoredExecution.SELECT + " WHERE e.id = ?")) {
                select.setString(1, executionId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(StoredExecution.read(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void saveStep(StepExecution step) {
        ensureOpen();
        if (pending.add(step, (record, earlier) -> StoredStep.encode(codec, record, earlier)) >= BUFFER_LIMIT) {
            flushExecution(step.executionId());
        }
    }

    @Override
    public List<StepExecution> steps(String executionId) {
        flushExecution(executionId);
        return read("read the steps of execution " + executionId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(StoredStep.SELECT_OF_EXECUTION)) {
                select.setString(1, executionId);
                List<StepExecution> steps = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        steps.add(StoredStep.read(row));
                    }
                }
                return List.copyOf(steps);
            }
        });
    }

    @Override
    public void log(String executionId, LogEntry entry) {
        ensureOpen();
        if (pending.add(StoredLog.encode(codec, executionId, entry)) >= BUFFER_LIMIT) {
            flushExecution(executionId);
        }
    }

    @Override
    public List<LogEntry> logs(String executionId) {
        flushExecution(executionId);
        return read("read the logs of execution " + executionId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(StoredLog.SELECT_OF_EXECUTION)) {
                select.setString(1, executionId);
                List<LogEntry> logs = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        logs.add(StoredLog.read(row));
                    }
                }
                return List.copyOf(logs);
            }
        });
    }

    // ---- the history ----

    @Override
    public ExecutionPage executions(ExecutionQuery query) {
        Objects.requireNonNull(query, "query");
        // no flush: execution rows are written when saved, only step records and log lines wait in buffers
        return read("list executions", connection -> History.executions(connection, query));
    }

    @Override
    public LogPage logs(String executionId, String stepPath, int page, int size, boolean ascending) {
        Objects.requireNonNull(executionId, "executionId");
        Pages.check(page, size);
        flushExecution(executionId);
        return read("read a page of the logs of execution " + executionId,
                connection -> History.logs(connection, executionId, stepPath, page, size, ascending));
    }

    /** Commits every buffered write of every execution, and waits for writes other threads already submitted. */
    @Override
    public void flush() {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (String id : pending.executionIds()) {
            CompletableFuture<?> write = pending.flush(id, batch -> submitBatch(id, batch));
            if (write != null) {
                writes.add(write);
            }
        }
        Futures.awaitAll(writes);
    }

    private void flushExecution(String executionId) {
        CompletableFuture<?> write = pending.flush(executionId, batch -> submitBatch(executionId, batch));
        if (write != null) {
            Futures.await(write);
        }
    }

    private CompletableFuture<?> submitBatch(String executionId, PendingWrites.Batch batch) {
        return writer.submit("save the steps and logs of execution " + executionId, tx -> {
            batch.save(tx);
            return null;
        });
    }

    // ---- the queue ----

    @Override
    public ExecutionRecord create(ExecutionRecord execution, String workflowSource, Instant runAfter,
                                  ConcurrencyRule rule, HeldBy lease) {
        StoredExecution row = StoredExecution.encode(codec, execution);
        String id = execution.id();
        if (workflowSource == null) {
            throw new IllegalArgumentException("execution " + id + " needs the workflow source it runs");
        }
        codec.text("workflow source of execution " + id, workflowSource);
        String sourceHash = ValueCodec.sha256(workflowSource);
        if (rule != null) {
            Admission.check(rule);
            if (!rule.workflowId().equals(execution.workflowId())) {
                throw new IllegalArgumentException("the concurrency rule is for workflow " + rule.workflowId()
                        + " but execution " + id + " runs workflow " + execution.workflowId());
            }
        }
        return writer.write("create execution " + id, tx -> {
            PreparedStatement source = tx.prepare(SAVE_SOURCE);
            source.setString(1, sourceHash);
            source.setString(2, workflowSource);
            source.executeUpdate();
            Admission.Admitted admitted = rule == null ? new Admission.Admitted(row, false)
                    : Admission.admit(tx, row, rule, execution.createdAt());
            StoredExecution stored = admitted.execution();
            stored.saveBlobs(tx);
            PreparedStatement insert = tx.prepare(StoredExecution.INSERT);
            int next = stored.bind(insert);
            insert.setString(next, sourceHash);
            boolean due = Statuses.isClaimable(stored.record().status());
            EpochMicros.bind(insert, next + 1, due ? runAfter : null);
            insert.setString(next + 2, rule == null ? null : rule.key());
            insert.setBoolean(next + 3, admitted.holdsPlace());
            insert.executeUpdate();
            if (lease != null && due) {
                PreparedStatement held = tx.prepare(HOLD);
                held.setString(1, lease.nodeId());
                EpochMicros.bind(held, 2, lease.until());
                held.setString(3, id);
                held.executeUpdate();
            }
            return stored.record();
        });
    }

    @Override
    public String workflowSource(String executionId) {
        return read("read the workflow source of execution " + executionId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(WORKFLOW_SOURCE)) {
                select.setString(1, executionId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalArgumentException("no execution " + executionId);
                    }
                    String source = row.getString("source");
                    if (source == null) {
                        throw new IllegalStateException("execution " + executionId + " has no stored workflow source: "
                                + "it was saved by a run in this process, not created through the job store");
                    }
                    return source;
                }
            }
        });
    }

    @Override
    public List<ExecutionRecord> claim(String nodeId, int max, Instant now, Duration lease) {
        Objects.requireNonNull(nodeId, "nodeId");
        if (max < 1) {
            return List.of();
        }
        Instant leaseUntil = now.plus(lease);
        return writer.write("claim executions for node " + nodeId,
                tx -> Leases.claim(tx, nodeId, max, now, leaseUntil));
    }

    @Override
    public Lease heartbeat(String executionId, String nodeId, Instant leaseUntil) {
        return writer.write("extend the lease of execution " + executionId,
                tx -> Leases.heartbeat(tx, executionId, nodeId, leaseUntil));
    }

    @Override
    public boolean requestCancel(String executionId, Instant now) {
        return Futures.await(pending.submit(executionId, batch -> writer.submit("cancel execution " + executionId,
                tx -> {
                    batch.save(tx);
                    ExecutionState execution = ExecutionState.lock(tx, executionId);
                    if (execution == null) {
                        return false;
                    }
                    return switch (Cancellation.request(tx, execution, now)) {
                        case FINISHED_ALREADY -> false;
                        case FLAGGED -> true;
                        case CANCELLED -> {
                            if (execution.holdsPlace()) {
                                Admission.release(tx, execution.workflowId(), execution.concurrencyKey(), now);
                            }
                            yield true;
                        }
                    };
                })));
    }

    @Override
    public void release(String executionId, String nodeId, Instant runAfter) {
        Futures.await(pending.submit(executionId, batch -> writer.submit("release execution " + executionId,
                tx -> {
                    batch.save(tx);
                    Leases.release(tx, executionId, nodeId, runAfter);
                    return null;
                })));
    }

    @Override
    public Answer answer(String executionId, String stepPath, Map<String, Object> payload, String respondedBy,
                         Instant at) {
        String json = codec.json("answer to step " + stepPath + " of execution " + executionId, payload);
        return Futures.await(pending.submit(executionId, batch -> writer.submit("answer step " + stepPath
                + " of execution " + executionId, tx -> {
                    batch.save(tx);
                    return Answers.answer(tx, executionId, stepPath, json, respondedBy, at);
                })));
    }

    @Override
    public Optional<Answer> answerFor(String executionId, String stepPath) {
        return read("read the answer to step " + stepPath + " of execution " + executionId,
                connection -> Answers.find(connection, executionId, stepPath));
    }

    @Override
    public long count(ExecutionStatus... statuses) {
        if (statuses.length == 0) {
            return 0;
        }
        return read("count executions", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM executions "
                    + "WHERE status IN " + Statuses.list(statuses))) {
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    @Override
    public int purge(Instant finishedBefore, int keepNewest, int batchSize) {
        Objects.requireNonNull(finishedBefore, "finishedBefore");
        if (keepNewest < 0 || batchSize < 1) {
            throw new IllegalArgumentException("purge needs keepNewest >= 0 and batchSize >= 1, not " + keepNewest
                    + " and " + batchSize);
        }
        Retention.Boundary boundary = read("find the newest " + keepNewest + " finished executions",
                connection -> Retention.boundary(connection, keepNewest));
        int deleted = writer.write("purge finished executions",
                tx -> Retention.purge(tx, finishedBefore, boundary, batchSize));
        while (writer.write("delete unreferenced large values", Retention::sweepBlobs) == Retention.SWEEP_BATCH) {
            // one short transaction per sweep batch
        }
        while (writer.write("delete unreferenced workflow sources", Retention::sweepSources) == Retention.SWEEP_BATCH) {
            // likewise
        }
        writer.write("delete unused concurrency groups", Retention::sweepGroups);
        while (writer.write("delete the decision trail of purged jobs", Retention::sweepDecisions)
                >= Retention.SWEEP_BATCH) {
            // likewise
        }
        return deleted;
    }

    // ---- schedule slots ----

    @Override
    public boolean claimSlot(String workflowId, Instant slot, String nodeId) {
        return writer.write("claim slot " + slot + " of workflow " + workflowId, tx -> {
            PreparedStatement insert = tx.prepare(CLAIM_SLOT);
            insert.setString(1, workflowId);
            EpochMicros.bind(insert, 2, slot);
            insert.setString(3, nodeId);
            return insert.executeUpdate() == 1;
        });
    }

    @Override
    public Optional<Instant> lastSlot(String workflowId) {
        return read("read the last slot of workflow " + workflowId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(LAST_SLOT)) {
                select.setString(1, workflowId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return Optional.ofNullable(EpochMicros.read(row, 1));
                }
            }
        });
    }

    // ---- lifecycle ----

    /** Commits everything buffered, stops the writer and closes the connections. Later calls fail. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            flush();
        } finally {
            writer.close();
            database.close();
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the job store at " + database.url() + " is closed");
        }
    }

    // ---- for the other stores on the same database (workflows, alerts, API keys) ----

    /** Writes go through the one writer, so they share its commits and its order with the job store's own. */
    GroupCommitWriter writer() {
        return writer;
    }

    ValueCodec codec() {
        return codec;
    }

    Dialect dialect() {
        return database.dialect();
    }

    @FunctionalInterface
    interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs a read on a pooled connection. An interrupt pending on the calling thread is set aside for the read: on
     * a virtual thread it would close the socket under PostgreSQL's driver, and the executor interrupts runs to
     * cancel them; it is restored afterwards.
     */
    <T> T read(String what, Read<T> read) {
        ensureOpen();
        boolean interrupted = Thread.interrupted();
        try (Connection connection = database.reads().getConnection()) {
            return read.run(connection);
        } catch (SQLException e) {
            throw new StoreFailure("the job store could not " + what + ": " + e.getMessage(), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
