package dev.vigil.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Cases on the embedded database: a SQLite file per test. */
class SqliteCaseStoreTest extends CaseStoreContract {

    @TempDir
    Path dir;

    @Override
    String url() {
        return "jdbc:sqlite:" + dir.resolve("vigil.db");
    }
}
