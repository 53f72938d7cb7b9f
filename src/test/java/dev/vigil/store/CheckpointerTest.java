package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-ahead log is copied into the database file by the store's own thread, not by the writer's commits. */
class CheckpointerTest {

    @TempDir
    Path dir;

    @Test
    void theDatabaseFileReceivesCommittedPagesWhileTheWriterStaysBelowItsOwnThreshold() throws Exception {
        try (JdbcJobStore store = JdbcJobStore.embedded(dir)) {
            Path file = dir.resolve("vigil.db");
            long before = Files.size(file);
            // about 2 MB of WAL: far below the writer's own threshold (10,000 pages, about 40 MB)
            String payload = "x".repeat(2_000);
            for (int i = 0; i < 500; i++) {
                ExecutionRecord record = Fixtures.pending("checkpointed", Instant.now());
                store.saveExecution(Fixtures.withValues(Fixtures.as(record, ExecutionStatus.COMPLETED,
                        record.createdAt(), record.createdAt()), Map.of("alert", payload), null));
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (Files.size(file) < before + 1_000_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.size(file)).as("database file size after the writes and a few checkpoint periods")
                    .isGreaterThan(before + 1_000_000);
        }
    }
}
