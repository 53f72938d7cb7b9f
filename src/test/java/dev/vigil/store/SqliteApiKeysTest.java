package dev.vigil.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** API keys on the embedded database: a SQLite file per test. */
class SqliteApiKeysTest extends ApiKeysContract {

    @TempDir
    Path dir;

    @Override
    String url() {
        return "jdbc:sqlite:" + dir.resolve("vigil.db");
    }
}
