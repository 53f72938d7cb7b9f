package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowControlTest {

    private final EngineFixture engine = new EngineFixture();

    @Test
    void stepsRunInOrderAndSeeEarlierOutputsAndVariables() {
        ExecutionRecord run = engine.run("""
                name: order
                triggers: [{type: manual}]
                steps:
                  - name: first
                    type: data.set
                    with: {greeting: hello, count: 2}
                  - name: second
                    type: console
                    with:
                      message: "{{ variables.greeting }} x{{ steps.first.output.count | plus: 1 }}"
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.output(run, "second")).isEqualTo("hello x3");
        assertThat(engine.steps(run)).extracting(StepExecution::name).containsExactly("first", "second");
    }

    @Test
    void ifTakesThenOrElseByKqlAndRecordsTheDecision() {
        String yaml = """
                name: branch
                triggers:
                  - type: manual
                    inputs:
                      - {name: severity, type: string, default: low}
                steps:
                  - name: check
                    type: if
                    condition: "inputs.severity: high or inputs.severity: critical"
                    steps:
                      - {name: escalate, type: console, with: {message: escalate}}
                    else:
                      - {name: note, type: console, with: {message: note}}
                """;
        ExecutionRecord high = engine.run(yaml, Map.of("severity", "critical"));
        assertThat(engine.steps(high)).extracting(StepExecution::name).containsExactly("check", "escalate");
        assertThat(engine.step(high, "check").input()).isEqualTo(Map.of("condition",
                "inputs.severity: high or inputs.severity: critical", "conditionResult", true));
        ExecutionRecord low = engine.run(yaml);
        assertThat(engine.steps(low)).extracting(StepExecution::name).containsExactly("check", "note");
    }

    @Test
    void typedConditionsAndTrueFalseTextAreBooleans() {
        ExecutionRecord run = engine.run("""
                name: typed
                triggers: [{type: manual}]
                consts: {limit: 5}
                steps:
                  - name: t
                    type: if
                    condition: "${{ consts.limit > 3 and consts.limit < 10 }}"
                    steps: [{name: yes, type: console, with: {message: "y"}}]
                  - name: f
                    type: if
                    condition: "{{ consts.limit == 4 }}"
                    steps: [{name: no, type: console, with: {message: "n"}}]
                """);
        assertThat(engine.steps(run)).extracting(StepExecution::name).containsExactly("t", "yes", "f");
    }

    @Test
    void foreachIteratesSequentiallyWithLoopVariablesAndNestedLoopsSeeTheOuterLoop() {
        ExecutionRecord run = engine.run("""
                name: loops
                triggers: [{type: manual}]
                consts:
                  hosts: [a, b]
                  ports: [1, 2]
                steps:
                  - name: outer
                    type: foreach
                    foreach: "${{ consts.hosts }}"
                    steps:
                      - name: inner
                        type: foreach
                        foreach: "{{ consts.ports | json }}"
                        steps:
                          - name: pair
                            type: console
                            with:
                              message: "{{ steps.outer.item }}:{{ foreach.item }} {{ foreach.index }}/{{ foreach.total }}"
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        List<Object> messages = engine.steps(run).stream().filter(s -> s.name().equals("pair"))
                .map(StepExecution::output).toList();
        assertThat(messages).containsExactly("a:1 0/2", "a:2 1/2", "b:1 0/2", "b:2 1/2");
        assertThat(engine.step(run, "outer[1]/inner[0]/pair").output()).isEqualTo("b:1 0/2");
    }

    @Test
    void foreachOverAnEmptyArrayCompletesWithoutIterations() {
        ExecutionRecord run = engine.run("""
                name: empty
                triggers: [{type: manual}]
                steps:
                  - name: loop
                    type: foreach
                    foreach: "[]"
                    steps: [{name: body, type: console, with: {message: x}}]
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.steps(run)).extracting(StepExecution::name).containsExactly("loop");
    }

    @Test
    void foreachOverSomethingThatIsNotAnArrayFailsWithTheReason() {
        ExecutionRecord run = engine.run("""
                name: bad
                triggers: [{type: manual}]
                consts: {thing: {a: 1}}
                steps:
                  - name: loop
                    type: foreach
                    foreach: "${{ consts.thing }}"
                    steps: [{name: body, type: console, with: {message: x}}]
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error().get("message").toString())
                .startsWith("Foreach expression must evaluate to an array, but \"${{ consts.thing }}\" gave object");
        assertThat(run.error().get("stepName")).isEqualTo("loop");
    }

    @Test
    void loopBreakAndContinueAffectTheInnermostLoopOnly() {
        ExecutionRecord run = engine.run("""
                name: control
                triggers: [{type: manual}]
                steps:
                  - name: loop
                    type: foreach
                    foreach: "[1, 2, 3, 4, 5]"
                    steps:
                      - name: skip-two
                        type: loop.continue
                        if: "foreach.item: 2"
                      - name: stop-at-four
                        type: loop.break
                        if: "foreach.item: 4"
                      - name: seen
                        type: console
                        with: {message: "{{ foreach.item }}"}
                  - name: after
                    type: console
                    with: {message: done}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.steps(run).stream().filter(s -> s.name().equals("seen")).map(StepExecution::output))
                .containsExactly("1", "3");
        assertThat(engine.output(run, "after")).isEqualTo("done");
    }

    @Test
    void maxIterationsStopsOrFailsTheLoop() {
        String loop = """
                name: limit
                triggers: [{type: manual}]
                steps:
                  - name: loop
                    type: foreach
                    foreach: "[1, 2, 3, 4]"
                    max-iterations: %s
                    steps: [{name: body, type: console, with: {message: "{{ foreach.item }}"}}]
                """;
        ExecutionRecord stops = engine.run(loop.formatted("2"));
        assertThat(stops.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.steps(stops).stream().filter(s -> s.name().equals("body"))).hasSize(2);
        ExecutionRecord fails = engine.run(loop.formatted("{limit: 2, on-limit: fail}"));
        assertThat(fails.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(fails.error().get("message")).isEqualTo("Foreach step \"loop\" exceeded max-iterations limit of 2.");
    }

    @Test
    void whileIsDoWhileAndItsConditionReadsTheBodysOutputs() {
        ExecutionRecord run = engine.run("""
                name: poll
                triggers: [{type: manual}]
                steps:
                  - name: poll
                    type: while
                    condition: "steps.count.output.n < 3"
                    steps:
                      - name: count
                        type: data.set
                        with:
                          n: "${{ while.iteration | plus: 1 }}"
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.steps(run).stream().filter(s -> s.name().equals("count")).map(StepExecution::output))
                .containsExactly(Map.of("n", 1L), Map.of("n", 2L), Map.of("n", 3L));
    }

    @Test
    void whileFailsAtItsLimitWhenAskedTo() {
        ExecutionRecord run = engine.run("""
                name: forever
                triggers: [{type: manual}]
                steps:
                  - name: spin
                    type: while
                    condition: "true"
                    max-iterations: {limit: 5, on-limit: fail}
                    steps: [{name: tick, type: console, with: {message: t}}]
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error().get("message").toString()).startsWith("While step \"spin\" exceeded max-iterations limit of 5");
        assertThat(engine.steps(run).stream().filter(s -> s.name().equals("tick"))).hasSize(5);
    }

    @Test
    void switchMatchesStrictlySoNumbersNeedTypedExpressions() {
        String yaml = """
                name: route
                triggers: [{type: manual}]
                consts: {level: 2}
                steps:
                  - name: route
                    type: switch
                    expression: "%s"
                    cases:
                      - match: 2
                        steps: [{name: number, type: console, with: {message: number}}]
                      - match: "2"
                        steps: [{name: text, type: console, with: {message: text}}]
                    default:
                      - {name: other, type: console, with: {message: other}}
                """;
        ExecutionRecord typed = engine.run(yaml.formatted("${{ consts.level }}"));
        assertThat(engine.steps(typed)).extracting(StepExecution::name).containsExactly("route", "number");
        ExecutionRecord text = engine.run(yaml.formatted("{{ consts.level }}"));
        assertThat(engine.steps(text)).extracting(StepExecution::name).containsExactly("route", "text");
        assertThat(engine.step(text, "route").input()).isEqualTo(Map.of("switchValue", "2", "selectedCase", "2",
                "evaluation", Map.of("matched", true, "checkedCases", List.of(2L, "2"))));
    }

    @Test
    void switchWithNoMatchAndNoDefaultFails() {
        ExecutionRecord run = engine.run("""
                name: nomatch
                triggers: [{type: manual}]
                steps:
                  - name: route
                    type: switch
                    expression: "purple"
                    cases:
                      - match: red
                        steps: [{name: r, type: console, with: {message: r}}]
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error().get("message").toString())
                .startsWith("No case matched and no default branch provided for switch step \"route\" (value \"purple\"");
    }

    @Test
    void stepLevelIfAndForeachWrapAnyStep() {
        ExecutionRecord run = engine.run("""
                name: wrappers
                triggers: [{type: manual}]
                steps:
                  - name: each
                    type: console
                    foreach: '["x", "y"]'
                    with: {message: "item {{ foreach.item }}"}
                  - name: never
                    type: console
                    if: "steps.each.output: nothing"
                    with: {message: never}
                  - name: last
                    type: console
                    with: {message: "{{ steps.each.output }}"}
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(engine.output(run, "each[0]")).isEqualTo("item x");
        assertThat(engine.output(run, "each[1]")).isEqualTo("item y");
        assertThat(engine.output(run, "last")).isEqualTo("item y");
        assertThat(engine.step(run, "never?").status()).isEqualTo(ExecutionStatus.SKIPPED);
    }

    @Test
    void parallelBranchesAllRunAndReportResults() {
        ExecutionRecord run = engine.run("""
                name: fanout
                triggers: [{type: manual}]
                steps:
                  - name: fan
                    type: parallel
                    branches:
                      - name: left
                        steps: [{name: l, type: console, with: {message: L}}]
                      - name: right
                        steps: [{name: r, type: console, with: {message: R}}]
                """);
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        @SuppressWarnings("unchecked")
        Map<String, Object> output = (Map<String, Object>) engine.output(run, "fan");
        assertThat(output).containsEntry("total", 2L).containsEntry("succeeded", 2L).containsEntry("failed", 0L);
    }
}
