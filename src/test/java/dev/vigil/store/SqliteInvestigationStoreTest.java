package dev.vigil.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Investigations on the embedded database: a SQLite file per test. */
class SqliteInvestigationStoreTest extends InvestigationStoreContract {

    @TempDir
    Path dir;

    @Override
    String url() {
        return "jdbc:sqlite:" + dir.resolve("vigil.db");
    }
}
