package dev.vigil.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** API keys on the local PostgreSQL, in a fresh database per test class, dropped afterwards. */
class PostgresApiKeysTest extends ApiKeysContract {

    @RegisterExtension
    static final LocalPostgres.FreshDatabase database = LocalPostgres.perClass();

    @Override
    String url() {
        return database.url();
    }

    @Override
    String user() {
        return LocalPostgres.USER;
    }
}
