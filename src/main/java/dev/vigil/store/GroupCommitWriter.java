package dev.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to the database. Callers hand it units of work; it takes every unit queued at that
 * moment, runs them in order in one transaction, commits once, and then completes each caller's future. A commit
 * (an fsync) is the dominant cost of a small write, so executions saving at the same time share one: the more
 * concurrent executions, the bigger the batches, and throughput grows with load instead of queueing behind the
 * disk.
 *
 * <p>Why one writer on both databases: SQLite allows one writer at a time anyway (a second one would only wait
 * on the file lock), and on PostgreSQL one writer per node keeps the same code path and, above all, a total order
 * of this node's writes: units are committed in the order they were submitted, which is what keeps an execution's
 * step and log writes in order without locks of our own. Several nodes on one PostgreSQL still write at once;
 * their conflicts are settled by row locks ({@code FOR UPDATE}, {@code SKIP LOCKED}) inside the units.
 *
 * <p>A batch is all or nothing. When a unit fails, the transaction is rolled back, that unit's caller gets the
 * error, and the other units run again in a new transaction: units are plain SQL over data prepared by their
 * callers, so running one again is safe. A transient failure (a deadlock between nodes, a busy file, a lost
 * connection) runs the whole batch again after a short pause.
 */
final class GroupCommitWriter implements AutoCloseable {

    /** A unit of work. It runs on the writer thread inside a shared transaction and never calls the store. */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 512;
    private static final int TRANSIENT_RETRIES = 10;

    private static final class Job<T> {
        final String what;
        final Work<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;

        Job(String what, Work<T> work) {
            this.what = what;
            this.work = work;
        }

        void run(Tx tx) throws SQLException {
            result = work.run(tx);
        }
    }

    /** What one attempt at committing a batch came to. */
    private sealed interface Attempt {
        record Committed() implements Attempt {
        }

        record UnitFailed(int index, Throwable failure) implements Attempt {
        }

        record BatchFailed(SQLException failure) implements Attempt {
        }
    }

    private static final Job<Void> STOP = new Job<>("stop", tx -> null);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Object submitLock = new Object();
    private boolean closed;
    private Thread thread;
    // owned by the writer thread
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection held;

    private GroupCommitWriter(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    static GroupCommitWriter start(DataSource dataSource, Dialect dialect) {
        GroupCommitWriter writer = new GroupCommitWriter(dataSource, dialect);
        writer.thread = Thread.ofPlatform().name("vigil-store-writer").daemon(true).start(writer::loop);
        return writer;
    }

    /**
     * Queues a unit of work.
     *
     * @param what what the unit does, for error messages ("save execution 0193...")
     */
    <T> CompletableFuture<T> submit(String what, Work<T> work) {
        Job<T> job = new Job<>(what, work);
        synchronized (submitLock) {
            if (closed) {
                throw new IllegalStateException("the job store is closed; cannot " + what);
            }
            queue.add(job);
        }
        return job.done;
    }

    /** Runs a unit of work and waits until it is committed. */
    <T> T write(String what, Work<T> work) {
        return Futures.await(submit(what, work));
    }

    private void loop() {
        List<Job<?>> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, by queueing STOP behind everything else
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(STOP);
            try {
                commit(batch);
            } catch (Throwable unexpected) {
                // the writer must survive anything, or every later caller would wait forever
                LOG.error("the job store writer failed a batch of {} writes", batch.size(), unexpected);
                batch.forEach(job -> job.done.completeExceptionally(unexpected));
                discardConnection();
            }
            batch.clear();
        }
        discardConnection();
    }

    private void commit(List<Job<?>> batch) {
        List<Job<?>> pending = new ArrayList<>(batch);
        int transientFailures = 0;
        while (!pending.isEmpty()) {
            switch (attempt(pending)) {
                case Attempt.Committed() -> {
                    pending.forEach(GroupCommitWriter::complete);
                    return;
                }
                case Attempt.UnitFailed(int index, Throwable failure) -> {
                    if (failure instanceof SQLException e && dialect.isTransient(e)
                            && transientFailures++ < TRANSIENT_RETRIES) {
                        pause(transientFailures);
                    } else {
                        Job<?> failed = pending.remove(index);
                        failed.done.completeExceptionally(failureOf(failed, failure));
                    }
                }
                case Attempt.BatchFailed(SQLException failure) -> {
                    if (dialect.isTransient(failure) && transientFailures++ < TRANSIENT_RETRIES) {
                        pause(transientFailures);
                    } else {
                        pending.forEach(job -> job.done.completeExceptionally(failureOf(job, failure)));
                        return;
                    }
                }
            }
        }
    }

    private Attempt attempt(List<Job<?>> pending) {
        Connection connection;
        try {
            connection = connection();
            begin(connection);
        } catch (SQLException e) {
            discardConnection();
            return new Attempt.BatchFailed(e);
        }
        Tx tx = new Tx(connection, dialect, statements);
        for (int i = 0; i < pending.size(); i++) {
            try {
                pending.get(i).run(tx);
            } catch (SQLException | RuntimeException e) {
                abort(connection);
                return new Attempt.UnitFailed(i, e);
            }
        }
        try {
            commit(connection);
            return new Attempt.Committed();
        } catch (SQLException e) {
            abort(connection);
            return new Attempt.BatchFailed(e);
        }
    }

    /*
     * Transactions. On SQLite the connection stays in auto-commit mode and the writer says BEGIN IMMEDIATE and
     * COMMIT itself: the driver's commit() begins the next transaction at once (taking the write lock while the
     * writer waits for work, shutting out other processes), and undoing that costs a second empty transaction per
     * batch, a fifth of a small commit's time. PostgreSQL goes through JDBC.
     */

    private void begin(Connection connection) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            statement(connection, "BEGIN IMMEDIATE").execute();
        } else {
            connection.setAutoCommit(false);
        }
    }

    private void commit(Connection connection) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            statement(connection, "COMMIT").execute();
        } else {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    private void rollback(Connection connection) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            try {
                statement(connection, "ROLLBACK").execute();
            } catch (SQLException e) {
                // SQLite rolls some failures back by itself (a full disk, an I/O error): nothing is left to undo
                if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                    throw e;
                }
            }
        } else {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private PreparedStatement statement(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** The writer's connection, kept across batches with its prepared statements. */
    private Connection connection() throws SQLException {
        if (held == null) {
            held = dataSource.getConnection();
        }
        return held;
    }

    /**
     * Rolls back after a failure. The prepared statements go too (a failed unit may have left a half-added batch
     * on one), and so does the connection when it no longer works.
     */
    private void abort(Connection failed) {
        closeStatements();
        try {
            rollback(failed);
            if (!failed.isValid(5)) {
                discardConnection();
            }
        } catch (SQLException e) {
            LOG.warn("rollback failed; opening a new connection", e);
            discardConnection();
        }
    }

    private void closeStatements() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the statement is dropped either way
            }
        }
        statements.clear();
    }

    private void discardConnection() {
        closeStatements();
        if (held != null) {
            try {
                held.close();
            } catch (SQLException ignored) {
                // it is broken already; the pool replaces it
            }
            held = null;
        }
    }

    private static <T> void complete(Job<T> job) {
        job.done.complete(job.result);
    }

    private static Throwable failureOf(Job<?> job, Throwable failure) {
        return failure instanceof SQLException e
                ? new StoreFailure("the job store could not " + job.what + ": " + e.getMessage(), e)
                : failure;
    }

    private static void pause(int failures) {
        LockSupport.parkNanos(Math.min(failures, 10) * 5_000_000L);
    }

    /** Commits everything queued so far, then stops the thread. */
    @Override
    public void close() {
        synchronized (submitLock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
