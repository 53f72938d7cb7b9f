package dev.vigil.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The job store's database: its dialect, a pool for reads, a one-connection pool for the single writer, and the
 * schema brought up to date by Flyway on open ({@code classpath:db/migration/<dialect>}).
 *
 * <p>On SQLite every connection runs in WAL mode (readers never block the writer nor each other),
 * {@code synchronous=NORMAL} (the WAL is synced at checkpoints, not at every commit: a crash of the process loses
 * nothing, a power cut can lose the last commits but never corrupts the file), a busy timeout (a second process
 * waits for the file lock instead of failing), and foreign keys on. The writer's transactions start with {@code BEGIN IMMEDIATE}, so a transaction
 * that reads before it writes never fails half-way on an upgrade to the write lock.
 */
final class Database implements AutoCloseable {

    private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;
    private static final int READERS = 4;
    /**
     * The writer checkpoints only when the WAL has grown this far (about 40 MB): normally {@link Checkpointer} has
     * done it first, on another thread, so the single writer spends its time on commits.
     */
    private static final java.time.Duration CHECKPOINT_EVERY = java.time.Duration.ofMillis(100);
    private static final int WRITER_AUTOCHECKPOINT_PAGES = 10_000;
    /** The writer's page cache: index pages of recent executions stay in memory instead of being read back. */
    private static final int WRITER_CACHE_KIB = 16 * 1024;

    private final Dialect dialect;
    private final String url;
    private final HikariDataSource reads;
    private final HikariDataSource writes;
    private final Checkpointer checkpointer; // null on PostgreSQL

    private Database(Dialect dialect, String url, HikariDataSource reads, HikariDataSource writes) {
        this.dialect = dialect;
        this.url = url;
        this.reads = reads;
        this.writes = writes;
        this.checkpointer = dialect == Dialect.SQLITE ? Checkpointer.start(reads, CHECKPOINT_EVERY) : null;
    }

    /**
     * Opens the database at {@code jdbcUrl} and migrates its schema.
     *
     * @param user     null for none (SQLite, or PostgreSQL with trust or a password in the URL)
     * @param password null for none
     */
    static Database open(String jdbcUrl, String user, String password) {
        Dialect dialect = Dialect.of(jdbcUrl);
        createFolderOf(jdbcUrl);
        HikariDataSource reads = null;
        try {
            reads = pool(dialect, jdbcUrl, user, password, "vigil-store-reads", READERS, false);
            migrate(dialect, jdbcUrl, reads);
            HikariDataSource writes = pool(dialect, jdbcUrl, user, password, "vigil-store-writer", 1, true);
            return new Database(dialect, jdbcUrl, reads, writes);
        } catch (RuntimeException e) {
            if (reads != null) {
                reads.close();
            }
            if (e instanceof StoreFailure) {
                throw e;
            }
            throw new StoreFailure("cannot open the job store at " + redacted(jdbcUrl) + ": " + rootMessage(e), e);
        }
    }

    /**
     * SQLite creates the database file but not its folder: {@code jdbc:sqlite:data/vigil.db} on a fresh machine
     * would fail with SQLITE_CANTOPEN. In-memory databases and {@code file:} URIs are left alone.
     */
    private static void createFolderOf(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
            return;
        }
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int options = file.indexOf('?');
        file = options < 0 ? file : file.substring(0, options);
        if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:")) {
            return;
        }
        java.nio.file.Path folder = java.nio.file.Path.of(file).toAbsolutePath().getParent();
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException | RuntimeException e) {
            throw new StoreFailure("cannot create the folder " + folder + " for the job store " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(Dialect dialect, String url, String user, String password, String name,
                                         int size, boolean writer) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        if (dialect == Dialect.SQLITE) {
            Properties pragmas = new Properties();
            pragmas.setProperty("journal_mode", "WAL");
            pragmas.setProperty("synchronous", "NORMAL");
            pragmas.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
            pragmas.setProperty("foreign_keys", "true");
            if (writer) {
                pragmas.setProperty("transaction_mode", "IMMEDIATE");
                pragmas.setProperty("wal_autocheckpoint", Integer.toString(WRITER_AUTOCHECKPOINT_PAGES));
                pragmas.setProperty("cache_size", Integer.toString(-WRITER_CACHE_KIB));
            }
            config.setDataSourceProperties(pragmas);
        }
        return new HikariDataSource(config);
    }

    private static void migrate(Dialect dialect, String url, DataSource dataSource) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/" + dialect.migrations)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreFailure("cannot bring the job store schema at " + redacted(url) + " up to date: "
                    + rootMessage(e), e);
        }
    }

    /** The URL for messages and logs: a password given as a URL parameter is masked. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    Dialect dialect() {
        return dialect;
    }

    /** The URL without its password, for messages. */
    String url() {
        return redacted(url);
    }

    DataSource reads() {
        return reads;
    }

    DataSource writes() {
        return writes;
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        writes.close();
        reads.close();
    }
}
