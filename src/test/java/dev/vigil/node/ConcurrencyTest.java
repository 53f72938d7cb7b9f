package dev.vigil.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.RunRequest;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.model.Workflow;
import dev.vigil.parse.ParseResult;
import dev.vigil.store.HistoryRetention;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code settings.concurrency} end to end on a node (intake, store admission, workers): runs for the same host are
 * dropped, queued or replace the one in progress; runs for another host are not held up.
 */
class ConcurrencyTest {

    private static final Vigil VIGIL = Vigil.standard();

    @TempDir
    Path dir;

    private VigilNode node;

    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
    }

    private record Deployed(Workflow workflow, String source) {
    }

    private Deployed workflow(String strategy, String firstStep) {
        String source = """
                name: Contain host
                triggers:
                  - type: manual
                settings:
                  concurrency:
                    key: "{{ event.host }}"
                    max: 1
                    strategy: %s
                steps:
                %s
                  - name: done
                    type: console
                    with:
                      message: "contained {{ event.host }}"
                """.formatted(strategy, firstStep);
        ParseResult parsed = VIGIL.parser().parse(source);
        assertThat(parsed.problems()).isEmpty();
        return new Deployed(parsed.workflow(), source);
    }

    private static final String ASK = """
              - name: ask
                type: waitForApproval
                with:
                  message: "Contain {{ event.host }}?"
            """;

    private VigilNode start() {
        VigilNode.Config config = new VigilNode.Config("jdbc:sqlite:" + dir.resolve("vigil.db"), "node-1", 8,
                Duration.ofMillis(900), Duration.ofMillis(50), 10_000, HistoryRetention.Policy.DEFAULT);
        node = new VigilNode(VIGIL, config, EngineClock.system(), WorkflowResolver.NONE).start();
        return node;
    }

    private ExecutionRecord submit(Deployed deployed, String host) {
        return node.intake().submit(deployed.workflow(), deployed.source(), new RunRequest("contain", Map.of(),
                Map.of("host", host), "alert", "test", false, null, null, false, null));
    }

    private ExecutionStatus awaitStatus(String id, ExecutionStatus expected) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        ExecutionStatus status = null;
        while (System.nanoTime() < end) {
            status = node.store().execution(id).orElseThrow().status();
            if (status == expected) {
                return status;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("execution " + id + " is " + status + ", expected " + expected);
    }

    @Test
    void dropSkipsARunForAHostThatAlreadyHasOne() throws Exception {
        start();
        Deployed contain = workflow("drop", ASK);
        ExecutionRecord first = submit(contain, "wks-1");
        awaitStatus(first.id(), ExecutionStatus.WAITING_FOR_INPUT);

        ExecutionRecord second = submit(contain, "wks-1");
        ExecutionRecord otherHost = submit(contain, "wks-2");

        assertThat(second.status()).isEqualTo(ExecutionStatus.SKIPPED);
        assertThat(node.store().execution(second.id()).orElseThrow().error()).containsKey("message");
        awaitStatus(otherHost.id(), ExecutionStatus.WAITING_FOR_INPUT);
    }

    @Test
    void queueHoldsTheRunUntilTheHostsRunEndsAndThenStartsIt() throws Exception {
        start();
        Deployed contain = workflow("queue", ASK);
        ExecutionRecord first = submit(contain, "wks-1");
        awaitStatus(first.id(), ExecutionStatus.WAITING_FOR_INPUT);

        ExecutionRecord second = submit(contain, "wks-1");
        assertThat(second.status()).isEqualTo(ExecutionStatus.QUEUED);
        Thread.sleep(200);
        assertThat(node.store().execution(second.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.QUEUED);

        node.store().answer(first.id(), "ask", Map.of("approved", true), "alice", Instant.now());
        node.workers().wake();
        awaitStatus(first.id(), ExecutionStatus.COMPLETED);
        awaitStatus(second.id(), ExecutionStatus.WAITING_FOR_INPUT);
    }

    @Test
    void cancelInProgressCancelsAWaitingRunAndStartsTheNewOne() throws Exception {
        start();
        Deployed contain = workflow("cancel-in-progress", ASK);
        ExecutionRecord first = submit(contain, "wks-1");
        awaitStatus(first.id(), ExecutionStatus.WAITING_FOR_INPUT);

        ExecutionRecord second = submit(contain, "wks-1");

        awaitStatus(first.id(), ExecutionStatus.CANCELLED);
        awaitStatus(second.id(), ExecutionStatus.WAITING_FOR_INPUT);
    }

    @Test
    void cancelInProgressStopsARunThatIsExecutingOnAWorker() throws Exception {
        start();
        Deployed contain = workflow("cancel-in-progress", """
                  - name: hold
                    type: wait
                    with:
                      duration: 4s
                """);
        ExecutionRecord first = submit(contain, "wks-1");
        awaitStatus(first.id(), ExecutionStatus.RUNNING);

        ExecutionRecord second = submit(contain, "wks-1");

        // the running one is flagged; its worker sees the flag at the next heartbeat and cancels it
        awaitStatus(first.id(), ExecutionStatus.CANCELLED);
        assertThat(node.store().steps(first.id())).anySatisfy(step ->
                assertThat(step.status()).isEqualTo(ExecutionStatus.CANCELLED));
        awaitStatus(second.id(), ExecutionStatus.COMPLETED);
    }
}
