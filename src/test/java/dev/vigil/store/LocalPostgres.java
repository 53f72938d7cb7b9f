package dev.vigil.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh databases {@code vigil_test_<random>} on the local PostgreSQL (user postgres, trust authentication), as
 * {@link PostgresJobStoreTest} makes them: a missing server fails the tests rather than skipping them.
 */
final class LocalPostgres {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String USER = "postgres";

    private LocalPostgres() {
    }

    /** Creates a database and returns its name. */
    static String createDatabase() {
        String database = "vigil_test_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL does not answer at " + SERVER + "postgres as user " + USER
                    + " (" + e.getMessage() + "). The PostgreSQL store tests need it: run ./scripts/test.sh, "
                    + "which starts it, or start it yourself (pg_ctlcluster <version> main start).", e);
        }
        return database;
    }

    static void dropDatabase(String database) throws SQLException {
        if (database == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /**
     * A fresh database for a store contract, as a JUnit extension: {@link #perTest()} in an instance field, or
     * {@link #perClass()} in a static one. It is dropped after the contract's own {@code @AfterEach} has closed
     * the stores (JUnit runs extension callbacks after the test class's methods).
     */
    static final class FreshDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
            AfterEachCallback {

        private final boolean perTest;
        private String name;

        private FreshDatabase(boolean perTest) {
            this.perTest = perTest;
        }

        String url() {
            return SERVER + name;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            if (!perTest) {
                name = createDatabase();
            }
        }

        @Override
        public void afterAll(ExtensionContext context) throws SQLException {
            if (!perTest) {
                dropDatabase(name);
            }
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            if (perTest) {
                name = createDatabase();
            }
        }

        @Override
        public void afterEach(ExtensionContext context) throws SQLException {
            if (perTest) {
                dropDatabase(name);
            }
        }
    }

    static FreshDatabase perTest() {
        return new FreshDatabase(true);
    }

    static FreshDatabase perClass() {
        return new FreshDatabase(false);
    }
}
