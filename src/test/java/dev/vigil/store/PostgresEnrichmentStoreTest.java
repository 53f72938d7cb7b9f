package dev.vigil.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Lookups and enrichments on the local PostgreSQL, in a fresh database per test, dropped afterwards. */
class PostgresEnrichmentStoreTest extends EnrichmentStoreContract {

    @RegisterExtension
    final LocalPostgres.FreshDatabase database = LocalPostgres.perTest();

    @Override
    String url() {
        return database.url();
    }

    @Override
    String user() {
        return LocalPostgres.USER;
    }
}
