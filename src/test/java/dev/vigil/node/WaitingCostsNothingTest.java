package dev.vigil.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Executor;
import dev.vigil.engine.RunRequest;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.model.Workflow;
import dev.vigil.queue.Intake;
import dev.vigil.store.JdbcJobStore;
import dev.vigil.store.JobStore;
import dev.vigil.store.HistoryRetention;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs waiting for a person are rows, not threads or objects: 10,000 of them waiting for approval add less than
 * 50 MB to the resident memory of the {@code vigil worker} process that put them there (measured from outside,
 * in /proc), and almost nothing to its live heap; and an answer resumes one within milliseconds.
 */
class WaitingCostsNothingTest {

    private static final int WAITING = 10_000;
    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void tenThousandJobsWaitingForApprovalHoldNoMemoryAndOneResumesInMilliseconds() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("vigil.db");
        String source = resource("/durability/approval.yaml");
        Vigil vigil = Vigil.standard();
        Workflow workflow = vigil.parser().parse(source).workflow();
        List<String> waiting;

        try (JobStore store = JdbcJobStore.open(url);
             WorkerProcess worker = WorkerProcess.start(url, "waiting-node", dir.resolve("logs"),
                     List.of("-Xmx512m"), "--workers", "64", "--poll", "20ms")
                     .awaitReady(Duration.ofSeconds(60))) {
            Executor executor = vigil.executor(EngineClock.system(), store, WorkflowResolver.NONE);
            Intake intake = new Intake(store, executor, EngineClock.system(), 1_000_000, () -> { });

            // warm-up: the same work pauses and is answered, so JIT, pools and caches are as in operation
            List<String> warm = submit(intake, workflow, source, 2_000, "warm");
            awaitCount(store, ExecutionStatus.WAITING_FOR_INPUT, 2_000, worker);
            for (String id : warm) {
                store.answer(id, "approve", Map.of("approved", true), "warm-up", Instant.now());
            }
            awaitCount(store, ExecutionStatus.COMPLETED, 2_000, worker);
            Footprint before = Footprint.of(worker);

            waiting = submit(intake, workflow, source, WAITING, "host");
            awaitCount(store, ExecutionStatus.WAITING_FOR_INPUT, WAITING, worker);
            Footprint after = Footprint.of(worker);

            long started = System.nanoTime();
            String one = waiting.get(WAITING / 2);
            store.answer(one, "approve", Map.of("approved", true), "alice", Instant.now());
            while (store.execution(one).orElseThrow().status() != ExecutionStatus.COMPLETED) {
                Thread.onSpinWait();
            }
            double resumeMs = (System.nanoTime() - started) / 1e6;

            System.out.printf("WaitingCostsNothingTest: %d waiting for approval: RSS %d -> %d MB (+%.1f MB),"
                            + " live heap %.1f -> %.1f MB; one answer to completion across processes %.1f ms"
                            + " (includes the worker's 20 ms poll)%n",
                    WAITING, before.rss / MB, after.rss / MB, (after.rss - before.rss) / (double) MB,
                    before.liveHeap / (double) MB, after.liveHeap / (double) MB, resumeMs);
            assertThat(store.count(ExecutionStatus.WAITING_FOR_INPUT)).isEqualTo(WAITING - 1);
            assertThat(after.rss - before.rss).as("RSS added by 10,000 waiting jobs").isLessThan(50 * MB);
            assertThat(after.liveHeap - before.liveHeap).as("live heap added by 10,000 waiting jobs")
                    .isLessThan(10 * MB);
            assertThat(resumeMs).isLessThan(1_000);
        }

        // in the server an answer wakes the pool at once: with the 10,000 rows still waiting, one resumes in ms
        VigilNode.Config config = new VigilNode.Config(url, "in-process", 8, Duration.ofSeconds(30),
                Duration.ofSeconds(10), 1_000_000, HistoryRetention.Policy.DEFAULT);
        try (VigilNode node = new VigilNode(vigil, config, EngineClock.system(), WorkflowResolver.NONE).start()) {
            List<Double> millis = new ArrayList<>();
            List<String> ids = waiting.subList(0, 20);
            for (String id : ids) {
                long started = System.nanoTime();
                node.store().answer(id, "approve", Map.of("approved", false), "bob", Instant.now());
                node.workers().wake();
                while (node.store().execution(id).orElseThrow().status() != ExecutionStatus.COMPLETED) {
                    Thread.onSpinWait();
                }
                millis.add((System.nanoTime() - started) / 1e6);
            }
            millis.sort(Double::compare);
            System.out.printf("WaitingCostsNothingTest: in-process answer to completion with %d jobs waiting:"
                    + " median %.2f ms, max %.2f ms over %d%n", WAITING, millis.get(millis.size() / 2),
                    millis.getLast(), millis.size());
            assertThat(millis).hasSize(20);
            assertThat(millis.get(millis.size() / 2)).isLessThan(100.0);
        }
    }

    private record Footprint(long rss, long liveHeap) {
        private static final Pattern USED = Pattern.compile("used (\\d+)K");

        /** After a full collection, so that garbage from the work so far is not counted. */
        static Footprint of(WorkerProcess worker) throws IOException, InterruptedException {
            jcmd(worker, "GC.run");
            String info = jcmd(worker, "GC.heap_info");
            Matcher used = USED.matcher(info);
            if (!used.find()) {
                throw new IllegalStateException("no heap usage in jcmd GC.heap_info:\n" + info);
            }
            return new Footprint(worker.rssBytes(), Long.parseLong(used.group(1)) * 1024);
        }

        private static String jcmd(WorkerProcess worker, String command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(worker.pid()), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed:\n" + out);
            }
            return out;
        }
    }

    private static List<String> submit(Intake intake, Workflow workflow, String source, int n, String prefix) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(intake.submit(workflow, source,
                    RunRequest.manual("approval", Map.of("host", prefix + "-" + i), "waiting-test")).id());
        }
        return ids;
    }

    private static void awaitCount(JobStore store, ExecutionStatus status, long n, WorkerProcess worker)
            throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (store.count(status) < n) {
            if (System.nanoTime() > end || !worker.alive()) {
                throw new AssertionError(store.count(status) + " of " + n + " executions are " + status.wire()
                        + "; worker output:\n" + worker.output());
            }
            Thread.sleep(50);
        }
    }

    private static String resource(String name) throws IOException {
        try (var in = WaitingCostsNothingTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
