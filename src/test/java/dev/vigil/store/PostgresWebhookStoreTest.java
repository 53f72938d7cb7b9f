package dev.vigil.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Webhook generations on the local PostgreSQL, in a fresh database per test, dropped afterwards. */
class PostgresWebhookStoreTest extends WebhookStoreContract {

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
