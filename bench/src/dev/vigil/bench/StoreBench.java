package dev.vigil.bench;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Ids;
import dev.vigil.engine.LogEntry;
import dev.vigil.engine.StepExecution;
import dev.vigil.store.JdbcJobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Job store write throughput: executions of 10 steps written the way the executor writes them (saved running, each
 * step saved started and finished with a log line, one flush before an outside call, saved completed), from N
 * threads. Usage: {@code StoreBench <threads> <executions-per-thread> [jdbc-url]}; without a URL, a fresh SQLite file.
 */
public final class StoreBench {

    private static final int STEPS = 10;

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int perThread = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("vigil-store-bench");
        try (JdbcJobStore store = args.length > 2 ? JdbcJobStore.open(args[2], System.getenv("PGUSER"), null)
                : JdbcJobStore.embedded(dir)) {
            for (int round = 0; round < 4; round++) {
                long began = System.nanoTime();
                try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                    List<Future<?>> done = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        done.add(pool.submit(() -> {
                            for (int i = 0; i < perThread; i++) {
                                run(store);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get();
                    }
                }
                double seconds = (System.nanoTime() - began) / 1e9;
                System.out.printf("round %d (%s): %d threads, %,.0f executions/s, %,.0f steps/s%n", round,
                        round == 0 ? "warm-up" : "timed", threads, threads * perThread / seconds,
                        threads * perThread * STEPS / seconds);
            }
        }
    }

    private static void run(JdbcJobStore store) {
        Instant now = Instant.now();
        ExecutionRecord running = new ExecutionRecord(Ids.next(now.toEpochMilli()), "wf", "bench",
                ExecutionStatus.RUNNING, "alert", "bench", false, now, now, null, Map.of("host", "web-1"),
                Map.of("alerts", List.of(Map.of("_id", "a1", "severity", "high"))), null, null, Map.of());
        store.saveExecution(running);
        for (int s = 0; s < STEPS; s++) {
            StepExecution started = new StepExecution(Ids.next(now.toEpochMilli()), running.id(), "s" + s, "s" + s,
                    "console", ExecutionStatus.RUNNING, s, 0, now, null, Map.of("message", "step " + s), null, null,
                    null, false);
            store.saveStep(started);
            if (s == STEPS / 2) {
                store.flush();
            }
            store.saveStep(new StepExecution(started.id(), running.id(), started.path(), started.name(), "console",
                    ExecutionStatus.COMPLETED, s, 0, now, now, started.input(), "step " + s, null, null, false));
            store.log(running.id(), new LogEntry(now, "info", "step " + s + " done", started.path(), started.name()));
        }
        store.saveExecution(new ExecutionRecord(running.id(), "wf", "bench", ExecutionStatus.COMPLETED, "alert", "bench",
                false, now, now, now, running.inputs(), running.event(), null, null, Map.of()));
    }
}
