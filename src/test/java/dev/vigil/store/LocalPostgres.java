package dev.vigil.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

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
}
