package dev.vigil.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The {@link JobStore} contract, run against every database: subclasses give a database, and the test interfaces
 * (one per part of the contract) bring the tests. Each test starts from empty tables.
 */
abstract class JobStoreContract implements JournalContract, ClaimContract, ConcurrencyContract, CancelAndAnswerContract,
        RetentionContract, DurabilityContract, HistoryContract, AlertStoreContract, DecisionLedgerContract {

    private static final String[] TABLES = {"alert_jobs", "alert_dedup", "alerts", "answers", "execution_logs",
            "step_executions", "executions", "concurrency_groups", "blobs", "workflow_sources", "schedule_slots",
            "decision_audit", "decision_links_used", "decision_notices"};

    private final List<JdbcJobStore> opened = new ArrayList<>();
    private JdbcJobStore store;

    /** The JDBC URL of this test's database. */
    abstract String url();

    /** The database user, or null. */
    String user() {
        return null;
    }

    @BeforeEach
    void openStoreOnEmptyTables() throws SQLException {
        store = openAnother(); // migrates the schema, so the tables exist to be emptied
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcJobStore::close);
    }

    @Override
    public JdbcJobStore store() {
        return store;
    }

    @Override
    public JdbcJobStore openAnother() {
        return openWithLimit(JdbcJobStore.DEFAULT_MAX_VALUE_BYTES);
    }

    @Override
    public JdbcJobStore openWithLimit(long maxValueBytes) {
        JdbcJobStore another = JdbcJobStore.open(url(), user(), null, maxValueBytes);
        opened.add(another);
        return another;
    }

    @Override
    public long count(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user() != null) {
            properties.setProperty("user", user());
        }
        return DriverManager.getConnection(url(), properties);
    }
}
