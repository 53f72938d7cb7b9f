package dev.vigil.store;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The workflow manager on PostgreSQL: a fresh database on the local server ({@link LocalPostgres}), dropped
 * afterwards; a missing server fails these tests rather than skipping them.
 */
class PostgresWorkflowStoreTest extends WorkflowStoreContract {

    private static String database;

    @BeforeAll
    static void createDatabase() {
        database = LocalPostgres.createDatabase();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        LocalPostgres.dropDatabase(database);
    }

    @Override
    String url() {
        return LocalPostgres.SERVER + database;
    }

    @Override
    String user() {
        return LocalPostgres.USER;
    }
}
