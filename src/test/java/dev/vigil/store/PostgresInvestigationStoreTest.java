package dev.vigil.store;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Investigations on the local PostgreSQL, in a fresh database per test, dropped afterwards. */
class PostgresInvestigationStoreTest extends InvestigationStoreContract {

    private String database;

    @BeforeEach
    void createDatabase() {
        database = LocalPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        close(); // the stores hold connections to it
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
