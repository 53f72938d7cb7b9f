package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background purge: by age and by count, in batches, never touching unfinished executions. */
class HistoryRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String SOURCE = "name: x\ntriggers: [{type: manual}]\nsteps: [{name: a, type: console, with: {message: hi}}]\n";

    @TempDir
    Path dir;

    private JdbcJobStore store;
    private final ManualClock clock = new ManualClock(NOW);
    private int sequence;

    @BeforeEach
    void open() {
        store = JdbcJobStore.open("jdbc:sqlite:" + dir.resolve("vigil.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void execution(ExecutionStatus status, Instant finishedAt) {
        Instant created = finishedAt == null ? NOW.minus(Duration.ofDays(400)) : finishedAt.minusSeconds(1);
        String id = "exec-" + (sequence++);
        ExecutionRecord pending = new ExecutionRecord(id, "wf", "x", ExecutionStatus.PENDING, "manual", "test", false,
                created, created, null, Map.of(), null, null, null, Map.of());
        store.create(pending, SOURCE, created);
        store.saveExecution(new ExecutionRecord(id, "wf", "x", status, "manual", "test", false, created, created,
                finishedAt, Map.of(), null, null, null, Map.of()));
    }

    @Test
    void aPassDeletesFinishedExecutionsOlderThanTheMaximumAgeInBatchesAndKeepsTheRest() {
        for (int i = 0; i < 7; i++) {
            execution(ExecutionStatus.COMPLETED, NOW.minus(Duration.ofDays(40)).plusSeconds(i));
        }
        execution(ExecutionStatus.FAILED, NOW.minus(Duration.ofDays(1)));
        execution(ExecutionStatus.WAITING_FOR_INPUT, null);     // a year old, but still waiting for a person
        HistoryRetention retention = new HistoryRetention(store, clock,
                new HistoryRetention.Policy(Duration.ofDays(30), 1_000, Duration.ofMinutes(5), 2, Duration.ZERO));

        assertThat(retention.purgeNow()).isEqualTo(7);

        assertThat(store.count(ExecutionStatus.COMPLETED)).isZero();
        assertThat(store.count(ExecutionStatus.FAILED)).isEqualTo(1);
        assertThat(store.count(ExecutionStatus.WAITING_FOR_INPUT)).isEqualTo(1);
    }

    @Test
    void aPassKeepsOnlyTheNewestFinishedExecutions() {
        for (int i = 0; i < 5; i++) {
            execution(ExecutionStatus.COMPLETED, NOW.minusSeconds(60 - i));
        }
        HistoryRetention retention = new HistoryRetention(store, clock,
                new HistoryRetention.Policy(Duration.ofDays(30), 2, Duration.ofMinutes(5), 100, Duration.ZERO));

        assertThat(retention.purgeNow()).isEqualTo(3);
        assertThat(store.execution("exec-4")).isPresent();
        assertThat(store.execution("exec-3")).isPresent();
        assertThat(store.execution("exec-2")).isEmpty();
    }

    @Test
    void passesRunInTheBackgroundAtTheConfiguredInterval() throws Exception {
        execution(ExecutionStatus.COMPLETED, NOW.minus(Duration.ofDays(31)));
        HistoryRetention retention = new HistoryRetention(store, clock,
                new HistoryRetention.Policy(Duration.ofDays(30), 1_000, Duration.ofMinutes(5), 100, Duration.ZERO));
        retention.start();

        clock.advance(Duration.ofMinutes(4));
        Thread.sleep(100);
        assertThat(store.count(ExecutionStatus.COMPLETED)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.count(ExecutionStatus.COMPLETED) > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(store.count(ExecutionStatus.COMPLETED)).isZero();
        retention.close();
    }
}
