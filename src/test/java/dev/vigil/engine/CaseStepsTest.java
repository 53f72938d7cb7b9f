package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cases.Case;
import dev.vigil.cases.CaseService;
import dev.vigil.cases.CaseStatus;
import dev.vigil.cases.MemoryCaseStore;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepRegistry;
import dev.vigil.steps.cases.CaseSteps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in {@code cases.*} steps run by the real executor against a case service. */
class CaseStepsTest {

    private final CaseService cases = new CaseService(new MemoryCaseStore(), () -> Instant.parse("2026-11-23T10:00:00Z"));
    private final EngineFixture engine = new EngineFixture(
            CaseSteps.definitions(() -> cases).toArray(StepDefinition[]::new));

    @Test
    void aWorkflowCreatesACaseCommentsOnItAndClosesIt() {
        ExecutionRecord run = engine.run("""
                name: triage
                triggers: [{type: manual}]
                steps:
                  - name: open
                    type: cases.createCase
                    with:
                      title: Suspicious login
                      description: from 10.0.0.1
                      owner: securitySolution
                      severity: high
                      tags: [login]
                  - name: note
                    type: cases.addComment
                    with:
                      case_id: "{{ steps.open.output.case.id }}"
                      version: "${{ steps.open.output.case.version }}"
                      comment: "checked by {{ workflow.name }}"
                  - name: alerts
                    type: cases.addAlerts
                    with:
                      case_id: "{{ steps.open.output.case.id }}"
                      alerts: [{alertId: a-1, index: .alerts-security, rule: {id: r1, name: Brute force}}]
                  - name: close
                    type: cases.closeCase
                    with:
                      case_id: "{{ steps.open.output.case.id }}"
                  - name: byAlert
                    type: cases.getCasesByAlertId
                    with:
                      alert_id: a-1
                """);

        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        @SuppressWarnings("unchecked")
        Map<String, Object> closed = (Map<String, Object>) ((Map<String, Object>) engine.output(run, "close")).get("case");
        assertThat(closed).containsEntry("status", "closed").containsEntry("version", 4L)
                .containsEntry("totalComment", 1L).containsEntry("severity", "high");
        Case stored = cases.get((String) closed.get("id"));
        assertThat(stored.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(stored.comments()).extracting(Case.Comment::comment).containsExactly("checked by triage");
        assertThat(stored.alerts().getFirst().rule().name()).isEqualTo("Brute force");
        @SuppressWarnings("unchecked")
        List<Object> byAlert = (List<Object>) ((Map<String, Object>) engine.output(run, "byAlert")).get("cases");
        assertThat(byAlert).hasSize(1);
    }

    @Test
    void aStaleVersionFailsTheStepWithACaseConflict() {
        ExecutionRecord run = engine.run("""
                name: stale
                triggers: [{type: manual}]
                steps:
                  - name: open
                    type: cases.createCase
                    with: {title: T, description: D, owner: cases}
                  - name: tag
                    type: cases.addTags
                    with: {case_id: "{{ steps.open.output.case.id }}", tags: [a]}
                  - name: late
                    type: cases.setStatus
                    with: {case_id: "{{ steps.open.output.case.id }}", version: 1, status: in-progress}
                """);

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(engine.step(run, "late").error()).containsEntry("type", "CaseConflict")
                .containsEntry("details", Map.of("currentVersion", 2L));
    }

    @Test
    void withoutACaseServiceTheCaseStepsStayAnExternalFamily() {
        StepRegistry plain = new EngineFixture().vigil.registry();
        assertThat(plain.kindOf("cases.createCase", false)).isEqualTo(StepRegistry.Kind.EXTERNAL_FAMILY);
        assertThat(engine.vigil.registry().kindOf("cases.createCase", false)).isEqualTo(StepRegistry.Kind.BUILT_IN);
    }
}
