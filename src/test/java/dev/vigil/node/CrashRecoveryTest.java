package dev.vigil.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Executor;
import dev.vigil.engine.RunRequest;
import dev.vigil.engine.StepExecution;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.model.Workflow;
import dev.vigil.queue.Intake;
import dev.vigil.store.JdbcJobStore;
import dev.vigil.store.JobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise, tested as it would fail in production: {@code vigil worker} runs as a separate OS
 * process on the embedded database and is killed with SIGKILL at random moments while jobs keep arriving.
 * Afterwards every accepted job has completed, and the side-effect simulator saw each step that completed exactly
 * once: only the step that was in flight at a kill may have been sent again, under the same idempotency key.
 */
class CrashRecoveryTest {

    private static final int JOBS = 240;
    private static final int KILLS = 12;
    private static final List<String> IOCS = List.of("198.51.100.7", "evil.example", "44d88612fea8a8f36de82e1278abb02f");

    @TempDir
    Path dir;

    @Test
    void killedAtRandomMomentsNoAcceptedJobIsLostAndNoCompletedStepRunsAgain() throws Exception {
        long seed = Long.getLong("vigil.crash.seed", System.nanoTime());
        System.out.println("CrashRecoveryTest seed " + seed + " (rerun with -Dvigil.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        String url = "jdbc:sqlite:" + dir.resolve("vigil.db");
        String source = resource("/durability/containment.yaml");
        Vigil vigil = Vigil.standard();
        Workflow workflow = vigil.parser().parse(source).workflow();

        try (SideEffectSimulator sim = new SideEffectSimulator(); JobStore store = JdbcJobStore.open(url)) {
            Executor executor = vigil.executor(EngineClock.system(), store, WorkflowResolver.NONE);
            Intake intake = new Intake(store, executor, EngineClock.system(), 1_000_000, () -> { });
            List<String> accepted = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean submitting = new AtomicBoolean(true);
            Thread submitter = Thread.ofPlatform().name("submitter").start(() -> {
                Random pace = new Random(seed + 1);
                for (int i = 0; i < JOBS; i++) {
                    Map<String, Object> inputs = Map.of("sim", sim.url(), "host", "HOST-" + i, "iocs", IOCS);
                    ExecutionRecord record = intake.submit(workflow, source,
                            RunRequest.manual("containment", inputs, "crash-test"));
                    accepted.add(record.id());
                    sleep(pace.nextInt(25));
                }
                submitting.set(false);
            });

            int kills = 0;
            long inFlightAtKills = 0;
            while (kills < KILLS) {
                try (WorkerProcess worker = startWorker(url, "node-" + kills)) {
                    Thread.sleep(150 + random.nextInt(900));
                    inFlightAtKills += store.count(ExecutionStatus.RUNNING);
                    worker.kill();
                    kills++;
                }
            }
            submitter.join();
            assertThat(submitting).isFalse();

            try (WorkerProcess last = startWorker(url, "node-final")) {
                awaitAllFinished(store, accepted, Duration.ofMinutes(3), last);
            }

            List<String> notCompleted = new ArrayList<>();
            List<String> stepsRecordedTwice = new ArrayList<>();
            for (String id : accepted) {
                ExecutionRecord record = store.execution(id).orElseThrow();
                if (record.status() != ExecutionStatus.COMPLETED) {
                    notCompleted.add(id + " " + record.status() + " " + record.error());
                }
                Map<String, Integer> byPath = new HashMap<>();
                for (StepExecution step : store.steps(id)) {
                    byPath.merge(step.path(), 1, Integer::sum);
                }
                byPath.forEach((path, n) -> {
                    if (n > 1) {
                        stepsRecordedTwice.add(id + " " + path);
                    }
                });
            }
            Map<String, Long> calls = sim.callsByKey();
            long resent = calls.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
            System.out.printf("CrashRecoveryTest: %d jobs, %d kills, %d executions running at the kills,"
                            + " %d side effects, %d in-flight steps sent again with the same key%n",
                    accepted.size(), kills, inFlightAtKills, calls.values().stream().mapToLong(n -> n).sum(), resent);

            assertThat(accepted).hasSize(JOBS);
            assertThat(notCompleted).as("accepted jobs that did not complete (lost)").isEmpty();
            assertThat(sim.stepsRunTwice()).as("completed steps that ran again under a new attempt").isEmpty();
            assertThat(stepsRecordedTwice).as("step paths with two records").isEmpty();
            assertThat(sim.withoutKey()).as("calls without an idempotency key").isZero();
            // every http step of every job reached the simulator: enrich, one block per IOC, isolate
            assertThat(sim.stepRuns()).hasSize(JOBS * (2 + IOCS.size()));
            assertThat(inFlightAtKills).as("kills that hit jobs in flight (else the test proves nothing)")
                    .isPositive();
        }
    }

    private WorkerProcess startWorker(String url, String nodeId) throws IOException, InterruptedException {
        return WorkerProcess.start(url, nodeId, dir.resolve("logs"), List.of("-Xmx256m"),
                "--workers", "16", "--lease", "2s", "--poll", "50ms").awaitReady(Duration.ofSeconds(60));
    }

    private static void awaitAllFinished(JobStore store, List<String> ids, Duration timeout, WorkerProcess worker)
            throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            long open = ids.stream().filter(id -> !store.execution(id).orElseThrow().status().terminal()).count();
            if (open == 0) {
                return;
            }
            if (!worker.alive()) {
                throw new AssertionError("the worker died:\n" + worker.output());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("jobs still unfinished after " + timeout + "; worker output:\n" + worker.output());
    }

    private static String resource(String name) throws IOException {
        try (var in = CrashRecoveryTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
