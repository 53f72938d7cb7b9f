package dev.vigil.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Lookups and enrichments on the embedded database: a SQLite file per test. */
class SqliteEnrichmentStoreTest extends EnrichmentStoreContract {

    @TempDir
    Path dir;

    @Override
    String url() {
        return "jdbc:sqlite:" + dir.resolve("vigil.db");
    }
}
