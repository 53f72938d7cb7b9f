package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on PostgreSQL: a fresh database {@code vigil_test_<random>} on the local server (user postgres,
 * trust authentication), dropped afterwards. PostgreSQL must answer: scripts/test.sh starts it, and a missing
 * server fails these tests rather than skipping them, so that a green build always means both databases passed.
 */
class PostgresJobStoreTest extends JobStoreContract {

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
                    + " (" + e.getMessage() + "). The PostgreSQL job store tests need it: run ./scripts/test.sh, "
                    + "which starts it, or start it yourself (pg_ctlcluster <version> main start).", e);
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

    @Test
    void theSchemaIsInItsOwnFreshDatabase() {
        assertThat(database).matches("vigil_test_[0-9a-f]{12}");
        assertThat(count("SELECT COUNT(*) FROM flyway_schema_history WHERE success"))
                .isEqualTo(MigrationsTest.files("postgresql").size());
    }
}
