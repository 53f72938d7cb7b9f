package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.steps.StepDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompositionAndPinsTest {

    private final AtomicInteger effects = new AtomicInteger();
    private final StepDefinition effect = StepDefinition.of("test.effect", "counts side effects",
            call -> Map.of("n", (long) effects.incrementAndGet()));
    private final EngineFixture engine = new EngineFixture(effect);

    @Test
    void workflowOutputEndsTheRunWithItsValuesAndStatus() {
        ExecutionRecord run = engine.run("""
                name: out
                triggers: [{type: manual}]
                outputs:
                  - {name: verdict, type: string, required: true}
                steps:
                  - name: done
                    type: workflow.output
                    with: {verdict: "benign"}
                  - {name: never, type: test.effect}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(run.output()).isEqualTo(Map.of("verdict", "benign"));
        assertThat(effects.get()).isZero();
    }

    @Test
    void workflowOutputValuesAreCheckedAgainstTheDeclaredOutputs() {
        ExecutionRecord run = engine.run("""
                name: out
                triggers: [{type: manual}]
                outputs:
                  - {name: score, type: number, required: true}
                steps:
                  - name: done
                    type: workflow.output
                    with: {score: "high"}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error().get("message")).isEqualTo("workflow.output step done: output 'score' should be number but is string");
    }

    @Test
    void workflowFailEndsTheRunFailedWithItsMessage() {
        ExecutionRecord run = engine.run("""
                name: stop
                triggers: [{type: manual}]
                steps:
                  - name: stop
                    type: workflow.fail
                    with: {message: "no host to isolate", reason: precondition}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).containsEntry("message", "no host to isolate").containsEntry("reason", "precondition");
    }

    @Test
    void workflowExecuteRunsTheChildWithInputsAndReturnsItsOutputs() {
        engine.library.put("enrich-ip", engine.parse("""
                name: enrich-ip
                triggers:
                  - type: manual
                    inputs:
                      - {name: ip, type: string, required: true}
                steps:
                  - name: result
                    type: workflow.output
                    with: {summary: "checked {{ inputs.ip }} (depth {{ parent.depth }})"}
                """));
        ExecutionRecord run = engine.run("""
                name: parent
                triggers: [{type: manual}]
                steps:
                  - name: child
                    type: workflow.execute
                    with:
                      workflow-id: enrich-ip
                      inputs: {ip: 10.0.0.1}
                  - name: use
                    type: console
                    with: {message: "{{ steps.child.output.summary }}"}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.output(run, "use")).isEqualTo("checked 10.0.0.1 (depth 1)");
    }

    @Test
    void aMissingOrFailingChildFailsTheCallingStep() {
        ExecutionRecord missing = engine.run("""
                name: parent
                triggers: [{type: manual}]
                steps:
                  - {name: child, type: workflow.execute, with: {workflow-id: nowhere}}
                """);
        assertThat(missing.error()).containsEntry("message", "Workflow not found: nowhere");
    }

    @Test
    void pinnedStepsAreNotExecutedAndAreMarkedMocked() {
        var workflow = engine.parse("""
                name: pinned
                triggers: [{type: manual}]
                steps:
                  - {name: lookup, type: test.effect}
                  - {name: broken, type: test.effect, on-failure: {continue: true}}
                  - name: use
                    type: console
                    with: {message: "{{ steps.lookup.output.verdict }} / {{ steps.broken.error.message }}"}
                """);
        RunRequest request = RunRequest.manual("t", Map.of(), "tester").withPins(Map.of(
                "lookup", Pin.output(Map.of("verdict", "malicious")),
                "broken", Pin.failure(Map.of("type", "HttpRequestError", "message", "503 from upstream"))), false);
        ExecutionRecord run = engine.executor.run(workflow, request);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(effects.get()).isZero();
        assertThat(engine.step(run, "lookup").mocked()).isTrue();
        assertThat(engine.output(run, "use")).isEqualTo("malicious / 503 from upstream");
    }

    @Test
    void offlineRunsSendNothingOutsideAndUseAStandInOutput() {
        var workflow = engine.parse("""
                name: offline
                triggers: [{type: manual}]
                steps:
                  - name: fetch
                    type: http
                    with: {url: "http://127.0.0.1:9/never", method: POST, body: {a: 1}}
                  - name: vt
                    type: virustotal.scanFileHash
                    connector-id: vt
                    with: {hash: abc}
                  - name: search
                    type: elasticsearch.search
                    with: {index: logs, query: {match_all: {}}}
                  - name: local
                    type: console
                    with: {message: "still runs"}
                """);
        ExecutionRecord run = engine.executor.run(workflow,
                RunRequest.manual("t", Map.of(), "tester").withPins(Map.of(), true));
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.steps(run)).extracting(StepExecution::name, StepExecution::mocked).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fetch", true), org.assertj.core.groups.Tuple.tuple("vt", true),
                org.assertj.core.groups.Tuple.tuple("search", true), org.assertj.core.groups.Tuple.tuple("local", false));
        assertThat(engine.step(run, "fetch").input()).isEqualTo(Map.of("url", "http://127.0.0.1:9/never",
                "method", "POST", "body", Map.of("a", 1L)));
    }

    @Test
    void connectorStepsWithoutAConnectorFailClearlyWhenOnline() {
        ExecutionRecord run = engine.run("""
                name: online
                triggers: [{type: manual}]
                steps:
                  - {name: vt, type: virustotal.scanFileHash, connector-id: vt, with: {hash: abc}}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).containsEntry("type", "ConnectorNotConfigured");
        assertThat(run.error().get("message").toString()).contains("connector 'vt'");
    }

    @Test
    void maxStepSizeFailsAStepWhoseOutputIsTooLarge() {
        ExecutionRecord run = engine.run("""
                name: big
                triggers: [{type: manual}]
                settings: {max-step-size: 1kb}
                steps:
                  - name: big
                    type: console
                    with: {message: "{% for i in (1..300) %}abcd{% endfor %}"}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).containsEntry("type", "StepSizeExceeded")
                .containsEntry("message", "step big output is 1200 bytes, over the max-step-size of 1024 bytes");
    }

    @Test
    void inputsGetDefaultsAndWrongInputsAreRefusedBeforeAnythingRuns() {
        String yaml = """
                name: inputs
                triggers:
                  - type: manual
                    inputs:
                      - {name: ip, type: string, required: true}
                      - {name: days, type: number, default: 7}
                      - {name: mode, type: choice, options: [fast, full], default: fast}
                      - {name: tags, type: array}
                steps:
                  - name: show
                    type: console
                    with: {message: "{{ inputs.ip }} {{ inputs.days }} {{ inputs.mode }} {{ inputs.tags | size }}"}
                """;
        ExecutionRecord run = engine.run(yaml, Map.of("ip", "1.2.3.4"));
        assertThat(engine.output(run, "show")).isEqualTo("1.2.3.4 7 fast 0");
        assertThatThrownBy(() -> engine.run(yaml, Map.of("days", "x", "mode", "slow")))
                .isInstanceOfSatisfying(Executor.InvalidInputs.class, e -> assertThat(e.problems()).containsExactly(
                        "missing required input 'ip'", "input 'days' should be number but is string \"x\"",
                        "input 'mode' is \"slow\"; expected one of [fast, full]"));
    }

    @Test
    void aResumedRunReplaysCompletedStepsAndRerunsOnlyTheStepThatWasInFlight() {
        var workflow = engine.parse("""
                name: crash
                triggers: [{type: manual}]
                steps:
                  - {name: one, type: test.effect}
                  - {name: two, type: test.effect}
                  - {name: gate, type: waitForApproval}
                  - {name: three, type: test.effect}
                """);
        RunRequest request = RunRequest.manual("t", Map.of(), "tester");
        ExecutionRecord paused = engine.executor.run(workflow, request);
        assertThat(effects.get()).isEqualTo(2);
        // simulate a crash while "two" was running: its record goes back to running, as a store would hold it
        StepExecution two = engine.step(paused, "two");
        engine.journal.saveStep(new StepExecution(two.id(), two.executionId(), two.path(), two.name(), two.type(),
                ExecutionStatus.RUNNING, two.index(), 0, two.startedAt(), null, two.input(), null, null, null, false));
        ExecutionRecord done = engine.executor.resume(workflow, request, paused.id(), Map.of("approved", true), "carol");
        assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(effects.get()).as("one not again; two again (in flight); three once").isEqualTo(4);
        assertThat(engine.steps(done)).extracting(StepExecution::name).containsExactly("one", "two", "gate", "three");
        assertThat(engine.output(done, "one")).isEqualTo(Map.of("n", 1L));
        assertThat(engine.output(done, "two")).isEqualTo(Map.of("n", 3L));
        assertThat(List.of(engine.step(done, "two").id())).containsExactly(two.id());
    }
}
