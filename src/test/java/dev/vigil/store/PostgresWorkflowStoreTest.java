package dev.vigil.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The workflow manager on PostgreSQL: a fresh database on the local server, dropped afterwards, as in
 * {@link PostgresJobStoreTest}; a missing server fails these tests rather than skipping them.
 */
class PostgresWorkflowStoreTest extends WorkflowStoreContract {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";
    private static String database;

    @BeforeAll
    static void createDatabase() {
        database = "vigil_test_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL does not answer at " + SERVER + "postgres as user " + USER
                    + " (" + e.getMessage() + "): run ./scripts/test.sh, which starts it", e);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Override
    String url() {
        return SERVER + database;
    }

    @Override
    String user() {
        return USER;
    }
}
