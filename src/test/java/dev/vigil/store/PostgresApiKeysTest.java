package dev.vigil.store;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** API keys on the local PostgreSQL, in a fresh database dropped afterwards. */
class PostgresApiKeysTest extends ApiKeysContract {

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
