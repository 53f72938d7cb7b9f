package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.ExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded database: a SQLite file per test. */
class SqliteJobStoreTest extends JobStoreContract {

    @TempDir
    Path dir;

    @Override
    String url() {
        return "jdbc:sqlite:" + dir.resolve("vigil.db");
    }

    @Test
    void theEmbeddedStoreCreatesItsFolderAndRunsInWalMode() throws SQLException {
        Path data = dir.resolve("nested/data");
        try (JdbcJobStore embedded = JdbcJobStore.embedded(data)) {
            embedded.claimSlot("wf", Fixtures.T0, "node-a");
        }
        assertThat(data.resolve("vigil.db")).isRegularFile();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("vigil.db"));
             ResultSet mode = connection.createStatement().executeQuery("PRAGMA journal_mode")) {
            mode.next();
            assertThat(mode.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void aSqliteUrlWhoseFolderDoesNotExistYetCreatesIt() {
        Path file = dir.resolve("fresh/machine/data/vigil.db");
        try (JdbcJobStore store = JdbcJobStore.open("jdbc:sqlite:" + file)) {
            assertThat(store.count(ExecutionStatus.PENDING)).isZero();
        }
        assertThat(file).exists();
    }

    @Test
    void aBadUrlOrAnUnusableFileFailsWithTheReason() throws Exception {
        assertThatThrownBy(() -> JdbcJobStore.open("jdbc:h2:mem:x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unsupported JDBC URL 'jdbc:h2:mem:x': the job store runs on SQLite");
        Path notADatabase = Files.writeString(dir.resolve("notes.txt"), "this is not a database file ".repeat(100));
        assertThatThrownBy(() -> JdbcJobStore.open("jdbc:sqlite:" + notADatabase))
                .isInstanceOf(StoreFailure.class)
                .hasMessageContaining("cannot open the job store at jdbc:sqlite:" + notADatabase);
    }
}
