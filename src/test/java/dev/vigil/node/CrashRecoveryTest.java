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
    /** The http steps of one job: enrich, one block per IOC, isolate. */
    private static final int EFFECTS_PER_JOB = 2 + IOCS.size();
    private static final ExecutionStatus[] OPEN = java.util.Arrays.stream(ExecutionStatus.values())
            .filter(status -> !status.terminal()).toArray(ExecutionStatus[]::new);

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
            long runningAtKills = 0;
            long interruptedByKills = 0;
            int killsWithNothingLeft = 0;
            while (kills < KILLS) {
                try (WorkerProcess worker = startWorker(url, "node-" + kills)) {
                    // kill only a worker that is in the middle of a job (or one with nothing left to do): a worker
                    // killed while its JVM still warms up tests nothing, as on an overloaded machine
                    Map<String, Integer> atStart = sim.progress();
                    if (!awaitMidJob(sim, atStart, store, submitting, worker, Duration.ofSeconds(90))) {
                        killsWithNothingLeft++;
                    }
                    Thread.sleep(random.nextInt(900));
                    runningAtKills += store.count(ExecutionStatus.RUNNING);
                    worker.kill();
                    interruptedByKills += midJob(atStart, sim.progress()).size();
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
            System.out.printf("CrashRecoveryTest: %d jobs, %d kills (%d with nothing left to run), %d executions"
                            + " running at the kills, %d cut off mid-job by the worker killed, %d side effects, %d"
                            + " in-flight steps sent again with the same key%n", accepted.size(), kills,
                    killsWithNothingLeft, runningAtKills, interruptedByKills,
                    calls.values().stream().mapToLong(n -> n).sum(), resent);

            assertThat(accepted).hasSize(JOBS);
            assertThat(notCompleted).as("accepted jobs that did not complete (lost)").isEmpty();
            assertThat(sim.stepsRunTwice()).as("completed steps that ran again under a new attempt").isEmpty();
            assertThat(stepsRecordedTwice).as("step paths with two records").isEmpty();
            assertThat(sim.withoutKey()).as("calls without an idempotency key").isZero();
            // every http step of every job reached the simulator: enrich, one block per IOC, isolate
            assertThat(sim.stepRuns()).hasSize(JOBS * EFFECTS_PER_JOB);
            assertThat(interruptedByKills).as("jobs cut off mid-way by a kill (else the test proves nothing)")
                    .isPositive();
        }
    }

    private WorkerProcess startWorker(String url, String nodeId) throws IOException, InterruptedException {
        return WorkerProcess.start(url, nodeId, dir.resolve("logs"), List.of("-Xmx256m"),
                "--workers", "16", "--lease", "2s", "--poll", "50ms").awaitReady(Duration.ofSeconds(60));
    }

    /**
     * Waits until the worker started at {@code atStart} is in the middle of a job ({@link #midJob}), or until
     * nothing is left to run (false). After {@code timeout} it returns anyway: the final assertions tell.
     */
    private static boolean awaitMidJob(SideEffectSimulator sim, Map<String, Integer> atStart, JobStore store,
                                       AtomicBoolean submitting, WorkerProcess worker, Duration timeout)
            throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!midJob(atStart, sim.progress()).isEmpty()) {
                return true;
            }
            if (!submitting.get() && store.count(OPEN) == 0) {
                return false;
            }
            if (!worker.alive()) {
                throw new AssertionError("the worker died:\n" + worker.output());
            }
            Thread.sleep(10);
        }
        System.out.println("CrashRecoveryTest: the worker ran no job within " + timeout + "; killing it anyway");
        return true;
    }

    /**
     * Jobs the current worker was in the middle of: their side effects advanced since it started, and not all of
     * them have been made yet (every job makes {@link #EFFECTS_PER_JOB}).
     */
    private static List<String> midJob(Map<String, Integer> atStart, Map<String, Integer> now) {
        List<String> ids = new ArrayList<>();
        now.forEach((id, done) -> {
            if (done > atStart.getOrDefault(id, 0) && done < EFFECTS_PER_JOB) {
                ids.add(id);
            }
        });
        return ids;
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
