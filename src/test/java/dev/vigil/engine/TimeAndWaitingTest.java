package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimeAndWaitingTest {

    /** Blocks until interrupted, like a slow HTTP call; counts how often it ran. */
    private final CountDownLatch entered = new CountDownLatch(1);
    private final AtomicInteger blockCalls = new AtomicInteger();
    private final StepDefinition block = StepDefinition.of("test.block", "blocks until interrupted", call -> {
        blockCalls.incrementAndGet();
        entered.countDown();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            throw new StepFailure("HttpRequestCancelledError", "request aborted", null);
        }
        return null;
    });
    private final AtomicInteger effects = new AtomicInteger();
    private final StepDefinition effect = StepDefinition.of("test.effect", "counts side effects",
            call -> Map.of("n", (long) effects.incrementAndGet()));
    private final EngineFixture engine = new EngineFixture(block, effect);

    private CompletableFuture<ExecutionRecord> runAsync(String yaml) {
        var workflow = engine.parse(yaml);
        return CompletableFuture.supplyAsync(() -> engine.executor.run(workflow, RunRequest.manual("t", Map.of(), "tester")),
                r -> Thread.ofVirtual().start(r));
    }

    @Test
    void aStepTimeoutAbortsTheRunningStepWithATimeoutErrorThatOnFailureCanCatch() throws Exception {
        CompletableFuture<ExecutionRecord> run = runAsync("""
                name: slow
                triggers: [{type: manual}]
                steps:
                  - name: slow
                    type: test.block
                    timeout: 30s
                    on-failure:
                      fallback:
                        - {name: note, type: console, with: {message: "{{ error.type }}: {{ error.message }}"}}
                      continue: true
                """);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        engine.clock.advance(Duration.ofSeconds(31));
        ExecutionRecord record = run.get(5, TimeUnit.SECONDS);
        assertThat(record.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.output(record, "note"))
                .isEqualTo("TimeoutError: TimeoutError: Step execution exceeded the configured timeout of 30s.");
    }

    @Test
    void theWorkflowTimeoutEndsTheRunTimedOutAndStepHandlersCannotSwallowIt() throws Exception {
        CompletableFuture<ExecutionRecord> run = runAsync("""
                name: budget
                triggers: [{type: manual}]
                settings: {timeout: 1m}
                steps:
                  - name: slow
                    type: test.block
                    on-failure: {continue: true}
                  - name: never
                    type: console
                    with: {message: never}
                """);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        engine.clock.advance(Duration.ofMinutes(2));
        ExecutionRecord record = run.get(5, TimeUnit.SECONDS);
        assertThat(record.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(engine.step(record, "slow").error()).containsEntry("message", "Failed due to workflow timeout of 1m.");
        assertThat(engine.steps(record)).extracting(StepExecution::name).doesNotContain("never");
    }

    @Test
    void cancellingARunInterruptsTheRunningStepAndEndsItCancelled() throws Exception {
        CompletableFuture<ExecutionRecord> run = runAsync("""
                name: cancel-me
                triggers: [{type: manual}]
                steps:
                  - {name: slow, type: test.block}
                  - {name: never, type: test.effect}
                """);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        String id = engine.executor.liveIds().iterator().next();
        assertThat(engine.executor.cancel(id)).isTrue();
        ExecutionRecord record = run.get(5, TimeUnit.SECONDS);
        assertThat(record.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(engine.step(record, "slow").status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(effects.get()).isZero();
        assertThat(engine.executor.cancel(id)).as("a finished run is no longer live").isFalse();
    }

    @Test
    void shortWaitsSleepInProcessAndLongWaitsPauseTheRunUntilTheyPass() {
        var workflow = engine.parse("""
                name: waits
                triggers: [{type: manual}]
                steps:
                  - {name: first, type: test.effect}
                  - {name: short, type: wait, with: {duration: 2s}}
                  - {name: long, type: wait, with: {duration: 1h}}
                  - {name: second, type: test.effect}
                """);
        RunRequest request = RunRequest.manual("t", Map.of(), "tester");
        ExecutionRecord paused = engine.executor.run(workflow, request);
        assertThat(paused.status()).isEqualTo(ExecutionStatus.WAITING);
        assertThat(engine.step(paused, "long").status()).isEqualTo(ExecutionStatus.WAITING);
        assertThat(engine.step(paused, "long").state()).containsEntry("resumeAt", "2026-11-23T11:00:02Z");
        assertThat(engine.clock.sleeps()).containsExactly(Duration.ofSeconds(2));
        assertThat(effects.get()).isEqualTo(1);

        ExecutionRecord early = engine.executor.resume(workflow, request, paused.id(), null, null);
        assertThat(early.status()).isEqualTo(ExecutionStatus.WAITING);
        assertThat(effects.get()).as("replay does not run completed steps again").isEqualTo(1);

        engine.clock.advance(Duration.ofHours(1));
        ExecutionRecord done = engine.executor.resume(workflow, request, paused.id(), null, null);
        assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(effects.get()).isEqualTo(2);
        assertThat(engine.output(done, "second")).isEqualTo(Map.of("n", 2L));
        assertThat(engine.steps(done).stream().filter(s -> s.name().equals("first"))).hasSize(1);
        assertThat(engine.steps(done)).extracting(StepExecution::path).containsExactly("first", "short", "long", "second");
    }

    @Test
    void aContainerThatFinishedBeforeAPauseKeepsItsRecordUnchangedOnResume() {
        var workflow = engine.parse("""
                name: containers
                triggers: [{type: manual}]
                steps:
                  - name: loop
                    type: foreach
                    foreach: "[1, 2]"
                    steps: [{name: each, type: test.effect}]
                  - {name: gate, type: waitForApproval}
                """);
        RunRequest request = RunRequest.manual("t", Map.of(), "tester");
        ExecutionRecord paused = engine.executor.run(workflow, request);
        StepExecution loopBefore = engine.step(paused, "loop");
        engine.clock.advance(Duration.ofMinutes(10));
        ExecutionRecord done = engine.executor.resume(workflow, request, paused.id(), Map.of("approved", true), "dan");
        assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.step(done, "loop")).isEqualTo(loopBefore);
        assertThat(effects.get()).isEqualTo(2);
    }

    @Test
    void aPinnedApprovalAnswersItselfSoOfflineTestsCanTakeEitherPath() {
        var workflow = engine.parse("""
                name: approve
                triggers: [{type: manual}]
                steps:
                  - {name: ask, type: waitForApproval, with: {message: "Isolate?"}}
                  - name: act
                    type: if
                    condition: "steps.ask.output.response.approved : true"
                    steps: [{name: isolate, type: test.effect}]
                """);
        RunRequest request = RunRequest.manual("t", Map.of(), "tester").withPins(
                Map.of("ask", Pin.output(Map.of("response", Map.of("approved", true), "respondedBy", "pin"))), true);
        ExecutionRecord done = engine.executor.run(workflow, request);
        assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.step(done, "ask").mocked()).isTrue();
        assertThat(effects.get()).isEqualTo(1);
    }

    @Test
    void runInProcessSleepsThroughLongWaitsOnTheEngineClock() {
        ExecutionRecord done = engine.executor.runInProcess(engine.parse("""
                name: waits
                triggers: [{type: manual}]
                steps:
                  - {name: long, type: wait, with: {duration: 2h}}
                  - {name: after, type: test.effect}
                """), RunRequest.manual("t", Map.of(), "tester"));
        assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(done.durationMs()).isEqualTo(Duration.ofHours(2).toMillis());
    }

    @Test
    void waitForApprovalPausesForAPersonAndAnAnswerCompletesTheStepEvenWhenRejected() {
        var workflow = engine.parse("""
                name: approve
                triggers: [{type: manual}]
                steps:
                  - name: ask
                    type: waitForApproval
                    with: {message: "Isolate host?", approveLabel: Isolate}
                  - name: act
                    type: if
                    condition: "steps.ask.output.response.approved : true"
                    steps: [{name: isolate, type: test.effect}]
                    else: [{name: skip, type: console, with: {message: "declined by {{ steps.ask.output.respondedBy }}"}}]
                """);
        RunRequest request = RunRequest.manual("t", Map.of(), "tester");
        ExecutionRecord paused = engine.executor.run(workflow, request);
        assertThat(paused.status()).isEqualTo(ExecutionStatus.WAITING_FOR_INPUT);
        StepExecution ask = engine.step(paused, "ask");
        assertThat(ask.status()).isEqualTo(ExecutionStatus.WAITING_FOR_INPUT);
        assertThat(ask.input()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("message", "Isolate host?").containsEntry("approveLabel", "Isolate")
                .containsEntry("rejectLabel", "Decline");

        ExecutionRecord done = engine.executor.resume(workflow, request, paused.id(), Map.of("approved", false), "alice");
        assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.output(done, "ask")).isEqualTo(Map.of("response", Map.of("approved", false), "respondedBy", "alice"));
        assertThat(engine.output(done, "act/skip")).isEqualTo("declined by alice");
        assertThat(effects.get()).isZero();
    }

    @Test
    void anApprovalNotAnsweredBeforeItsTimeoutFailsWithATimeoutError() {
        var workflow = engine.parse("""
                name: approve
                triggers: [{type: manual}]
                steps:
                  - name: ask
                    type: waitForApproval
                    timeout: 24h
                """);
        RunRequest request = RunRequest.manual("t", Map.of(), "tester");
        ExecutionRecord paused = engine.executor.run(workflow, request);
        engine.clock.advance(Duration.ofHours(25));
        ExecutionRecord done = engine.executor.resume(workflow, request, paused.id(), null, null);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).containsEntry("type", "TimeoutError")
                .containsEntry("message", "Approval wait exceeded the configured timeout of 24h.");
    }

    @Test
    void waitForInputReturnsThePayloadAsTheResponse() {
        var workflow = engine.parse("""
                name: input
                triggers: [{type: manual}]
                steps:
                  - name: ask
                    type: waitForInput
                    with:
                      message: "Which hosts?"
                      schema: {type: object, properties: {hosts: {type: array}}}
                  - name: use
                    type: console
                    with: {message: "{{ steps.ask.output.response.hosts | join: ' ' }}"}
                """);
        RunRequest request = RunRequest.manual("t", Map.of(), "tester");
        ExecutionRecord paused = engine.executor.run(workflow, request);
        ExecutionRecord done = engine.executor.resume(workflow, request, paused.id(),
                Map.of("hosts", java.util.List.of("web-1", "web-2")), "bob");
        assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.output(done, "use")).isEqualTo("web-1 web-2");
    }
}
