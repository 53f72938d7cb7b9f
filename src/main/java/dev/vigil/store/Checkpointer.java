package dev.vigil.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on its own thread, so that the store's single writer
 * does not: left to SQLite, the commit that crosses the WAL's size threshold does the checkpoint itself, and the
 * writer stops committing for the milliseconds it takes (a third of the writer's time in the alert benchmark, and
 * the slow tail of run latencies). A {@code PASSIVE} checkpoint never waits for the writer nor blocks it; the
 * writer keeps a much higher threshold of its own as a safety net should this thread fall behind.
 */
final class Checkpointer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private final DataSource connections;
    private final Duration every;
    private final Thread thread;
    private volatile boolean closed;

    private Checkpointer(DataSource connections, Duration every) {
        this.connections = connections;
        this.every = every;
        this.thread = Thread.ofPlatform().name("vigil-store-checkpoint").daemon().unstarted(this::loop);
    }

    /** Starts checkpointing every {@code every}, with connections from {@code connections}. */
    static Checkpointer start(DataSource connections, Duration every) {
        Checkpointer checkpointer = new Checkpointer(connections, every);
        checkpointer.thread.start();
        return checkpointer;
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(every);
                checkpoint();
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    log.warn("WAL checkpoint failed (the writer's own checkpoints take over): {}", e.getMessage());
                }
            }
        }
    }

    /** One passive checkpoint; returns the frames of the WAL that are in the database file now. */
    int checkpoint() throws SQLException {
        try (Connection connection = connections.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            return result.next() ? result.getInt(3) : 0;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
