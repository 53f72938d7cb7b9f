package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Workflow;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class DecisionStepTest {

    private final EngineFixture engine = new EngineFixture();
    private final RunRequest request = RunRequest.manual("t", Map.of("host", "web-1"), "tester");

    private Workflow workflow(String fallback) {
        return engine.parse("""
                name: triage
                triggers: [{type: manual}]
                steps:
                  - name: triage
                    type: decision
                    timeout: 4h
                    with:
                      message: "Contain {{ inputs.host }}?"
                      options:
                        - {id: isolate, label: Isolate, description: Cuts it off}
                        - {id: monitor, label: Watch}
                        - {id: close, label: False positive}
                """ + fallback + """
                  - name: route
                    type: switch
                    expression: "{{ steps.triage.output.choice }}"
                    cases:
                      - {match: isolate, steps: [{name: isolated, type: console, with: {message: isolating}}]}
                      - {match: monitor, steps: [{name: watched, type: console, with: {message: watching}}]}
                    default: [{name: closed, type: console, with: {message: "closed by {{ steps.triage.output.respondedBy }}"}}]
                """);
    }

    @Test
    void aDecisionPausesWithItsOptionsAndTheChosenPathRuns() {
        Workflow workflow = workflow("");
        ExecutionRecord paused = engine.executor.run(workflow, request);
        assertThat(paused.status()).isEqualTo(ExecutionStatus.WAITING_FOR_INPUT);
        assertThat(engine.step(paused, "triage").input()).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("message", "Contain web-1?");
        assertThat(Decision.optionIds(engine.step(paused, "triage").input()))
                .containsExactly("isolate", "monitor", "close");

        ExecutionRecord done = engine.executor.resume(workflow, request, paused.id(),
                Map.of("choice", "isolate", "channel", "slack", "respondedAt", "2026-01-01T00:00:00Z"), "apikey:ann");
        assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.output(done, "triage")).isEqualTo(Map.of("choice", "isolate", "respondedBy", "apikey:ann",
                "respondedAt", "2026-01-01T00:00:00Z", "channel", "slack"));
        assertThat(engine.output(done, "route/isolated")).isEqualTo("isolating");
    }

    @Test
    void anUnansweredDecisionTakesItsDefaultPathAtTheDeadline() {
        Workflow workflow = workflow("      default: close\n");
        ExecutionRecord paused = engine.executor.run(workflow, request);
        String deadline = engine.clock.now().plus(Duration.ofHours(4)).toString();
        engine.clock.advance(Duration.ofHours(5));
        ExecutionRecord done = engine.executor.resume(workflow, request, paused.id(), null, null);
        assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.output(done, "triage")).isEqualTo(Map.of("choice", "close", "respondedBy", "timeout",
                "respondedAt", deadline, "channel", "timeout"));
        assertThat(engine.output(done, "route/closed")).isEqualTo("closed by timeout");
    }

    @Test
    void anUnansweredDecisionWithoutDefaultFailsWithATimeoutError() {
        Workflow workflow = workflow("");
        ExecutionRecord paused = engine.executor.run(workflow, request);
        engine.clock.advance(Duration.ofHours(5));
        ExecutionRecord done = engine.executor.resume(workflow, request, paused.id(), null, null);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).containsEntry("type", "TimeoutError")
                .containsEntry("message", "Decision wait exceeded the configured timeout of 4h.");
    }

    @Test
    void aChoiceThatIsNoOptionFailsTheStepShouldItGetPastTheApi() {
        Workflow workflow = workflow("");
        ExecutionRecord paused = engine.executor.run(workflow, request);
        ExecutionRecord done = engine.executor.resume(workflow, request, paused.id(), Map.of("choice", "nuke"), "x");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).containsEntry("type", "ValidationError");
    }
}
