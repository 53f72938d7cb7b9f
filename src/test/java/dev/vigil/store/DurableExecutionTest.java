package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Executor;
import dev.vigil.engine.LogEntry;
import dev.vigil.engine.ManualClock;
import dev.vigil.engine.RunRequest;
import dev.vigil.engine.StepExecution;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.model.Workflow;
import dev.vigil.parse.ParseResult;
import dev.vigil.queue.Intake;
import dev.vigil.queue.WorkerPool;
import dev.vigil.steps.BuiltinSteps;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.http.HttpStep;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real workflows through the executor with the job store as its journal: a run survives the store closing (a
 * restart) and a node dying, and resumes without running completed steps again.
 */
class DurableExecutionTest {

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger effects = new AtomicInteger();
    /** An outside call that counts how often it really ran. */
    private final StepDefinition effect = StepDefinition.of("test.effect", "counts side effects",
            call -> Map.of("n", (long) effects.incrementAndGet())).asExternal();
    private final CountDownLatch blocked = new CountDownLatch(1);
    private final AtomicInteger blockCalls = new AtomicInteger();
    /** An outside call that hangs the first time (its node is about to die) and answers the second time. */
    private final StepDefinition hang = StepDefinition.of("test.hang", "hangs once", call -> {
        if (blockCalls.incrementAndGet() == 1) {
            blocked.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                throw new StepFailure("HttpRequestCancelledError", "request aborted", null);
            }
        }
        return Map.of("answered", true);
    }).asExternal();
    /** An outside call whose answer is larger than a small store accepts. */
    private final StepDefinition big = StepDefinition.of("test.big", "answers 20 kB",
            call -> Map.of("data", "x".repeat(20_000))).asExternal();
    private final Vigil vigil = new Vigil(BuiltinSteps.standard(HttpStep.defaultClient()).add(effect).add(hang)
            .add(big).build());

    private static final String APPROVAL = """
            name: isolate
            triggers: [{type: manual}]
            steps:
              - {name: enrich, type: test.effect}
              - {name: note, type: data.set, with: {host: web-1}}
              - {name: ask, type: waitForApproval, with: {message: "Isolate {{ variables.host }}?"}}
              - name: act
                type: if
                condition: "steps.ask.output.response.approved : true"
                steps: [{name: isolate, type: test.effect}]
            """;

    private Workflow parse(String yaml) {
        ParseResult result = vigil.parser().parse(yaml);
        assertThat(result.problems()).isEmpty();
        return result.workflow();
    }

    private Executor executor(JdbcJobStore store, EngineClock engineClock) {
        return vigil.executor(engineClock, store, WorkflowResolver.NONE);
    }

    @Test
    void anApprovalWaitSurvivesARestartAndTheAnswerContinuesTheRunWithoutRepeatingSteps() {
        String id;
        try (JdbcJobStore store = JdbcJobStore.embedded(dataDir)) {
            Executor executor = executor(store, clock);
            ExecutionRecord created = executor.newExecution(parse(APPROVAL), RunRequest.manual("isolate", Map.of(),
                    "tester"), ExecutionStatus.PENDING);
            store.create(created, APPROVAL, clock.now());
            ExecutionRecord claimed = store.claim("node-a", 1, clock.now(), Duration.ofMinutes(1)).getFirst();
            ExecutionRecord paused = executor.continueStored(parse(store.workflowSource(claimed.id())), claimed, null,
                    null);
            assertThat(paused.status()).isEqualTo(ExecutionStatus.WAITING_FOR_INPUT);
            store.release(paused.id(), "node-a", clock.now().plus(Duration.ofHours(24)));
            id = paused.id();
        } // the process stops: nothing of the run is in memory any more

        clock.advance(Duration.ofHours(3));
        try (JdbcJobStore store = JdbcJobStore.embedded(dataDir)) {
            assertThat(store.claim("node-b", 1, clock.now(), Duration.ofMinutes(1))).as("waits for its answer")
                    .isEmpty();
            JobStore.Answer answer = store.answer(id, "ask", Map.of("approved", true), "alice", clock.now());
            ExecutionRecord claimed = store.claim("node-b", 1, clock.now(), Duration.ofMinutes(1)).getFirst();
            assertThat(claimed.status()).isEqualTo(ExecutionStatus.WAITING_FOR_INPUT);

            ExecutionRecord done = executor(store, clock).continueStored(parse(store.workflowSource(id)), claimed,
                    answer.payload(), answer.respondedBy());
            store.release(id, "node-b", null);

            assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(effects.get()).as("enrich ran once, isolate once").isEqualTo(2);
            assertThat(store.execution(id)).contains(done);
            List<StepExecution> steps = store.steps(id);
            assertThat(steps).extracting(StepExecution::path)
                    .containsExactly("enrich", "note", "ask", "act", "act/isolate");
            assertThat(steps).extracting(StepExecution::status).containsOnly(ExecutionStatus.COMPLETED);
            assertThat(steps.get(2).output()).isEqualTo(Map.of("response", Map.of("approved", true),
                    "respondedBy", "alice"));
            assertThat(steps.get(2).input()).isEqualTo(Map.of("message", "Isolate web-1?", "approveLabel", "Approve",
                    "rejectLabel", "Decline", "schema", Map.of("type", "object", "properties",
                            Map.of("approved", Map.of("type", "boolean")), "required", List.of("approved"))));
            assertThat(store.logs(id)).extracting(LogEntry::message)
                    .contains("execution paused (waiting_for_input) until 2026-11-24T10:00:00Z", "execution completed");
        }
    }

    @Test
    void whenANodeDiesMidRunAnotherNodeReplaysItAndOnlyTheStepInFlightRunsAgain() throws Exception {
        String yaml = """
                name: crash
                triggers: [{type: manual}]
                steps:
                  - {name: first, type: test.effect}
                  - {name: call, type: test.hang}
                  - {name: last, type: test.effect}
                """;
        Duration lease = Duration.ofMinutes(1);
        JdbcJobStore nodeA = JdbcJobStore.embedded(dataDir);
        Executor executorA = executor(nodeA, clock);
        ExecutionRecord created = executorA.newExecution(parse(yaml), RunRequest.manual("crash", Map.of(), "tester"),
                ExecutionStatus.PENDING);
        nodeA.create(created, yaml, clock.now());
        ExecutionRecord claimedByA = nodeA.claim("node-a", 1, clock.now(), lease).getFirst();
        CompletableFuture<ExecutionRecord> runOnA = CompletableFuture.supplyAsync(
                () -> executorA.continueStored(parse(yaml), claimedByA, null, null), r -> Thread.ofVirtual().start(r));
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        executorA.abandon(created.id()); // node-a dies: it writes nothing more
        runOnA.get(10, TimeUnit.SECONDS);

        clock.advance(lease.plusSeconds(1));
        try (JdbcJobStore nodeB = JdbcJobStore.embedded(dataDir)) {
            ExecutionRecord claimedByB = nodeB.claim("node-b", 1, clock.now(), lease).getFirst();
            assertThat(claimedByB.status()).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(nodeB.steps(created.id())).extracting(StepExecution::path, StepExecution::status)
                    .as("what node-a committed before the outside call")
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("first", ExecutionStatus.COMPLETED),
                            org.assertj.core.groups.Tuple.tuple("call", ExecutionStatus.RUNNING));

            ExecutionRecord done = executor(nodeB, clock).continueStored(parse(nodeB.workflowSource(created.id())),
                    claimedByB, null, null);
            assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(effects.get()).as("first once, last once").isEqualTo(2);
            assertThat(blockCalls.get()).as("the step in flight ran again").isEqualTo(2);
            assertThat(nodeB.steps(created.id())).extracting(StepExecution::path).containsExactly("first", "call", "last");
        } finally {
            nodeA.close();
        }
    }

    @Test
    void theWorkerPoolRunsSubmittedExecutionsAndAnAnswerWakesAPausedOne() throws Exception {
        String quick = """
                name: quick
                triggers: [{type: manual}]
                steps:
                  - {name: a, type: data.set, with: {x: 1}}
                  - {name: b, type: console, with: {message: "x is {{ variables.x }}"}}
                  - {name: c, type: test.effect}
                """;
        EngineClock system = EngineClock.system();
        try (JdbcJobStore store = JdbcJobStore.embedded(dataDir)) {
            Executor executor = executor(store, system);
            WorkerPool pool = new WorkerPool(store, executor, vigil.parser(), system,
                    new WorkerPool.Settings("node-a", 8, Duration.ofSeconds(30), Duration.ofMillis(50)));
            Intake intake = new Intake(store, executor, system, 10_000, pool::wake);
            pool.start();
            try {
                for (int i = 0; i < 40; i++) {
                    intake.submit(parse(quick), quick, RunRequest.manual("quick", Map.of(), "tester"));
                }
                ExecutionRecord approval = intake.submit(parse(APPROVAL), APPROVAL,
                        RunRequest.manual("isolate", Map.of(), "tester"));
                await(() -> store.count(ExecutionStatus.COMPLETED) == 40
                        && store.count(ExecutionStatus.WAITING_FOR_INPUT) == 1);
                assertThat(store.count(ExecutionStatus.PENDING, ExecutionStatus.RUNNING)).isZero();

                store.answer(approval.id(), "ask", Map.of("approved", false), "bob", system.now());
                pool.wake();
                await(() -> store.count(ExecutionStatus.COMPLETED) == 41);
                assertThat(store.steps(approval.id())).extracting(StepExecution::path)
                        .containsExactly("enrich", "note", "ask", "act");
                assertThat(effects.get()).as("40 quick runs and one enrich; isolate declined").isEqualTo(41);
            } finally {
                pool.close();
            }
        }
    }

    @Test
    void aStepOutputLargerThanTheStoreAcceptsFailsTheStepWithAClearErrorAndTheRunEnds() {
        try (JdbcJobStore store = JdbcJobStore.open("jdbc:sqlite:" + dataDir.resolve("small.db"), null, null, 8192)) {
            Workflow workflow = parse("""
                    name: fetch
                    triggers: [{type: manual}]
                    steps:
                      - {name: fetch, type: test.big}
                      - {name: after, type: test.effect}
                    """);
            ExecutionRecord done = executor(store, clock).run(workflow, RunRequest.manual("fetch", Map.of(), "t"));

            assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(done.error()).containsEntry("type", "ValueTooLarge").containsEntry("stepName", "fetch");
            assertThat((String) done.error().get("message"))
                    .contains("output of step fetch").contains("over the store's limit of 8192 bytes");
            assertThat(store.execution(done.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(store.steps(done.id())).singleElement().satisfies(step -> {
                assertThat(step.status()).isEqualTo(ExecutionStatus.FAILED);
                assertThat(step.output()).isNull();
            });
            assertThat(effects).hasValue(0);
        }
    }

    @Test
    void aStepInputLargerThanTheStoreAcceptsIsRecordedWithoutItAndFailsTheStep() {
        try (JdbcJobStore store = JdbcJobStore.open("jdbc:sqlite:" + dataDir.resolve("small.db"), null, null, 8192)) {
            Workflow workflow = parse("""
                    name: build
                    triggers: [{type: manual}]
                    steps:
                      - name: build
                        type: data.set
                        with:
                          blob: "{% for i in (1..400) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}"
                    """);
            ExecutionRecord done = executor(store, clock).run(workflow, RunRequest.manual("build", Map.of(), "t"));

            assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(done.error()).containsEntry("type", "ValueTooLarge");
            assertThat(store.steps(done.id())).singleElement().satisfies(step -> {
                assertThat(step.status()).isEqualTo(ExecutionStatus.FAILED);
                assertThat(step.input()).isNull();
                assertThat(step.error()).containsEntry("type", "ValueTooLarge");
            });
            assertThat((String) done.error().get("message")).contains("input of step build");
        }
    }

    @Test
    void aWorkflowOutputLargerThanTheStoreAcceptsFailsTheRunInsteadOfLeavingItRunning() {
        try (JdbcJobStore store = JdbcJobStore.open("jdbc:sqlite:" + dataDir.resolve("small.db"), null, null, 8192)) {
            Workflow workflow = parse("""
                    name: report
                    triggers: [{type: manual}]
                    steps:
                      - name: done
                        type: workflow.output
                        with:
                          report: "{% for i in (1..400) %}yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy{% endfor %}"
                    """);
            ExecutionRecord done = executor(store, clock).run(workflow, RunRequest.manual("report", Map.of(), "t"));

            assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(done.error()).containsEntry("type", "ValueTooLarge").containsEntry("stepName", "done");
            assertThat(store.execution(done.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(store.steps(done.id())).singleElement().satisfies(step ->
                    assertThat(step.status()).isEqualTo(ExecutionStatus.FAILED));
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the condition did not hold within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
