package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailureHandlingTest {

    /** Fails with a NetworkError until it has been called {@code with.succeedOn} times. */
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> keys = new ArrayList<>();
    private final StepDefinition flaky = StepDefinition.of("test.flaky", "fails until call n", call -> {
        int n = calls.incrementAndGet();
        keys.add(call.idempotencyKey());
        long succeedOn = ((Number) call.with().getOrDefault("succeedOn", 1_000L)).longValue();
        if (n < succeedOn) {
            throw new StepFailure("NetworkError", "connection reset (call " + n + ")", Map.of("call", (long) n));
        }
        return Map.of("call", (long) n);
    });
    private final EngineFixture engine = new EngineFixture(flaky);

    @Test
    void retryReRunsUpToMaxAttemptsTimesAfterTheFirstRun() {
        ExecutionRecord run = engine.run("""
                name: retry
                triggers: [{type: manual}]
                steps:
                  - name: call
                    type: test.flaky
                    with: {succeedOn: 3}
                    on-failure:
                      retry: {max-attempts: 2, delay: 1s}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(engine.steps(run)).extracting(StepExecution::path, StepExecution::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("call", ExecutionStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("call#1", ExecutionStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("call#2", ExecutionStatus.COMPLETED));
        assertThat(engine.clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(keys).containsExactly(run.id() + ":call:0", run.id() + ":call#1:1", run.id() + ":call#2:2");
    }

    @Test
    void exhaustedRetriesFailTheRunWithTheLastError() {
        ExecutionRecord run = engine.run("""
                name: retry
                triggers: [{type: manual}]
                steps:
                  - name: call
                    type: test.flaky
                    on-failure:
                      retry: {max-attempts: 2}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).containsEntry("type", "NetworkError").containsEntry("message", "connection reset (call 3)");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void exponentialBackoffMultipliesTheDelayUpToMaxDelay() {
        engine.run("""
                name: backoff
                triggers: [{type: manual}]
                steps:
                  - name: call
                    type: test.flaky
                    on-failure:
                      retry: {max-attempts: 4, delay: 1s, strategy: exponential, multiplier: 2, max-delay: 5s}
                """);
        assertThat(engine.clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(5));
    }

    @Test
    void retryConditionSeesTheErrorAndStopsRetriesThatDoNotApply() {
        ExecutionRecord run = engine.run("""
                name: retry-if
                triggers: [{type: manual}]
                steps:
                  - name: call
                    type: test.flaky
                    on-failure:
                      retry: {max-attempts: 3, condition: "error.type: TimeoutError"}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void fallbackRunsWithTheErrorAndThenTheOriginalErrorFailsTheRun() {
        ExecutionRecord run = engine.run("""
                name: fallback
                triggers: [{type: manual}]
                steps:
                  - name: call
                    type: test.flaky
                    on-failure:
                      fallback:
                        - name: explain
                          type: console
                          with: {message: "{{ error.type }} / {{ steps.call.error.message }}"}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(engine.output(run, "explain")).isEqualTo("NetworkError / connection reset (call 1)");
        assertThat(run.error()).containsEntry("stepName", "call");
    }

    @Test
    void continueKeepsTheFailedRecordAndGoesOn() {
        ExecutionRecord run = engine.run("""
                name: continue
                triggers: [{type: manual}]
                steps:
                  - name: call
                    type: test.flaky
                    on-failure: {continue: true}
                  - name: next
                    type: console
                    with: {message: "error={{ steps.call.error.type }} output=[{{ steps.call.output }}]"}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.step(run, "call").status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(engine.output(run, "next")).isEqualTo("error=NetworkError output=[]");
    }

    @Test
    void continueAsAConditionDecidesAtFailureTime() {
        String yaml = """
                name: continue-if
                triggers: [{type: manual}]
                steps:
                  - name: call
                    type: test.flaky
                    on-failure: {continue: "error.type: %s"}
                """;
        assertThat(engine.run(yaml.formatted("NetworkError")).status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.run(yaml.formatted("Other")).status()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void settingsOnFailureAppliesToActionStepsButNotToContainers() {
        ExecutionRecord run = engine.run("""
                name: defaults
                triggers: [{type: manual}]
                settings:
                  on-failure: {continue: true}
                steps:
                  - name: loop
                    type: foreach
                    foreach: "[1, 2]"
                    steps:
                      - {name: call, type: test.flaky}
                  - name: after
                    type: console
                    with: {message: reached}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(calls.get()).isEqualTo(2);
        assertThat(engine.output(run, "after")).isEqualTo("reached");
    }

    @Test
    void iterationOnFailureHandlesOneIterationAndTheLoopGoesOn() {
        ExecutionRecord run = engine.run("""
                name: iterations
                triggers: [{type: manual}]
                steps:
                  - name: loop
                    type: foreach
                    foreach: "[1, 2, 3]"
                    iteration-on-failure: {continue: true}
                    steps:
                      - {name: call, type: test.flaky, with: {succeedOn: 2}}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.steps(run).stream().filter(s -> s.name().equals("call")).map(StepExecution::status))
                .containsExactly(ExecutionStatus.FAILED, ExecutionStatus.COMPLETED, ExecutionStatus.COMPLETED);
    }

    @Test
    void templatesThatExceedTheRenderLimitFailTheStepAndOnFailureCanCatchIt() {
        ExecutionRecord run = engine.run("""
                name: template-error
                triggers: [{type: manual}]
                steps:
                  - name: broken
                    type: console
                    with: {message: "{% for i in (1..100000000) %}{{ i }}{% endfor %}"}
                    on-failure: {continue: true}
                  - name: after
                    type: console
                    with: {message: "{{ steps.broken.error.type }}"}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.output(run, "after")).isEqualTo("TemplateError");
    }
}
