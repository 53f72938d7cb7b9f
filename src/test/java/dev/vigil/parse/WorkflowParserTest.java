package dev.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vigil.model.Position;
import dev.vigil.model.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowParserTest {

    static final String STEPS = """
            steps:
              - name: a
                type: console
                with:
                  message: hi
            """;

    static ParseResult parse(String yaml) {
        return TestRegistry.parser().parse(yaml);
    }

    @Test
    void converts_legacy_inputs_to_a_json_schema_exactly() {
        ParseResult result = parse("""
                name: inputs
                triggers:
                  - type: manual
                    inputs:
                      - name: host
                        type: string
                        required: true
                        description: Host name
                      - name: count
                        type: number
                        default: 3
                      - name: dry_run
                        type: boolean
                        default: false
                      - name: mode
                        type: choice
                        options: [fast, slow]
                        default: fast
                      - name: ips
                        type: array
                        minItems: 1
                        maxItems: 5
                        required: true
                """ + STEPS);
        assertThat(result.problems()).isEmpty();
        Map<String, Object> anyScalar = Map.of("anyOf", List.of(Map.of("type", "string"),
                Map.of("type", "number"), Map.of("type", "boolean")));
        assertThat(result.workflow().inputs()).isEqualTo(Map.of(
                "properties", Map.of(
                        "host", Map.of("type", "string", "description", "Host name"),
                        "count", Map.of("type", "number", "default", 3L),
                        "dry_run", Map.of("type", "boolean", "default", false),
                        "mode", Map.of("type", "string", "enum", List.of("fast", "slow"), "default", "fast"),
                        "ips", Map.of("type", "array", "items", anyScalar, "minItems", 1L, "maxItems", 5L)),
                "required", List.of("host", "ips"),
                "additionalProperties", false));
        assertThat(result.workflow().inputs().keySet()).containsExactly("properties", "required",
                "additionalProperties");
    }

    @Test
    void accepts_legacy_top_level_inputs_and_checks_references_against_them() {
        ParseResult result = parse("""
                name: top-level inputs
                triggers:
                  - type: manual
                inputs:
                  - name: host
                    type: string
                steps:
                  - name: a
                    type: console
                    with:
                      message: "{{ inputs.host }} {{ inputs.hots }}"
                """);
        assertThat(result.workflow().inputs()).containsKey("properties");
        assertThat(result.problems()).extracting(Problem::code).containsExactly("unknown-input-reference");
        assertThat(result.problems().getFirst().message()).contains("'hots'", "did you mean 'host'?");
    }

    @Test
    void does_not_check_input_references_when_no_inputs_are_declared() {
        ParseResult result = parse("""
                name: no inputs
                triggers:
                  - type: manual
                steps:
                  - name: a
                    type: console
                    with:
                      message: "{{ inputs.anything }}"
                """);
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void reads_the_legacy_alert_trigger_filters() {
        ParseResult result = parse("""
                name: alert
                triggers:
                  - type: alert
                    with:
                      rule_id: abc
                """ + STEPS);
        assertThat(result.problems()).isEmpty();
        assertThat(result.workflow().triggers()).containsExactly(new Trigger.Alert("abc", null, null));
    }

    @Test
    void reads_the_webhook_trigger_which_has_no_fields() {
        ParseResult result = parse("""
                name: hook
                triggers:
                  - type: webhook
                  - type: manual
                """ + STEPS);
        assertThat(result.problems()).isEmpty();
        assertThat(result.workflow().triggers()).startsWith(new Trigger.Webhook());
        assertThat(result.workflow().trigger(Trigger.Webhook.class)).isPresent();
    }

    @Test
    void a_misspelt_webhook_trigger_gets_a_suggestion() {
        ParseResult result = parse("""
                name: hook
                triggers:
                  - type: webhok
                """ + STEPS);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("unknown-trigger-type");
            assertThat(p.position()).isEqualTo(new Position(3, 11));
            assertThat(p.message()).contains("did you mean 'webhook'?");
        });
    }

    @Test
    void rrule_defaults_its_time_zone_to_utc() {
        ParseResult result = parse("""
                name: rrule
                triggers:
                  - type: scheduled
                    with:
                      rrule: {freq: DAILY, interval: 1}
                """ + STEPS);
        assertThat(result.problems()).isEmpty();
        assertThat(((Trigger.Scheduled) result.workflow().triggers().getFirst()).rrule().tzid()).isEqualTo("UTC");
    }

    @Test
    void hands_whole_strings_to_the_template_checker_but_never_consts_names_or_keys() {
        List<String> seen = new ArrayList<>();
        WorkflowParser parser = new WorkflowParser(TestRegistry.create(), t -> {
            seen.add(t);
            return List.of();
        }, ConditionChecker.NONE);
        parser.parse("""
                name: "{{ not a template }}"
                triggers:
                  - type: manual
                consts:
                  c: "{{ consts are not rendered }}"
                steps:
                  - name: "{{ step name }}"
                    type: console
                    with:
                      "{{ key }}": "${{ steps.x.output }}"
                      message: "plain"
                """);
        assertThat(seen).containsExactly("${{ steps.x.output }}");
    }

    @Test
    void sends_only_untemplated_non_literal_conditions_to_kql() {
        List<String> seen = new ArrayList<>();
        WorkflowParser parser = new WorkflowParser(TestRegistry.create(), TemplateChecker.NONE, c -> {
            seen.add(c);
            return java.util.Optional.empty();
        });
        ParseResult result = parser.parse("""
                name: conditions
                triggers:
                  - type: manual
                steps:
                  - name: a
                    type: console
                    if: " true "
                    with:
                      message: hi
                  - name: b
                    type: console
                    if: "${{ steps.a.output == 'hi' }}"
                    with:
                      message: hi
                  - name: c
                    type: console
                    if: 'steps.a.output : "hi"'
                    with:
                      message: hi
                """);
        assertThat(result.problems()).isEmpty();
        assertThat(seen).containsExactly("steps.a.output : \"hi\"");
    }

    @Test
    void accepts_references_to_steps_defined_later_or_in_other_branches() {
        ParseResult result = parse("""
                name: references
                triggers:
                  - type: manual
                steps:
                  - name: check
                    type: if
                    condition: 'steps.my-step.output : "x"'
                    steps:
                      - name: my-step
                        type: console
                        with:
                          message: "{{ steps['check'].input }} {{ steps.other_branch.output }}"
                    else:
                      - name: other_branch
                        type: console
                        with:
                          message: "{{ event.steps.ignored }} {{ foreach.steps.fine }}"
                """);
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void rejects_documents_over_one_mebibyte() {
        String big = "name: big\n# " + "x".repeat(YamlLoader.MAX_CHARS) + "\n";
        ParseResult result = parse(big);
        assertThat(result.workflow()).isNull();
        assertThat(result.problems()).extracting(Problem::code).containsExactly("too-large");
    }

    @Test
    void formats_problems_for_the_command_line() {
        Problem located = new Problem("unknown-step-type", "steps[2].type", new Position(4, 11),
                "unknown step type 'htp'; did you mean 'http'?");
        assertThat(located.format("wf.yaml"))
                .isEqualTo("wf.yaml:4:11: unknown step type 'htp'; did you mean 'http'? (steps[2].type)");
        Problem unlocated = new Problem("empty-document", "", Position.NONE, "the document is empty");
        assertThat(unlocated.format("wf.yaml")).isEqualTo("wf.yaml: the document is empty");
    }

    @Test
    void builds_a_best_effort_workflow_when_there_are_problems() {
        ParseResult result = parse("""
                name: partly broken
                triggers:
                  - type: manual
                steps:
                  - name: a
                    type: htp
                  - name: b
                    type: console
                    with:
                      message: hi
                """);
        assertThat(result.valid()).isFalse();
        assertThat(result.workflow()).isNotNull();
        assertThat(result.workflow().steps()).extracting(s -> s.name()).containsExactly("a", "b");
    }

    @Test
    void never_throws_on_truncated_or_mangled_corpus_documents() throws Exception {
        WorkflowParser parser = TestRegistry.parser();
        for (Path file : CorpusTest.files().subList(0, 12)) {
            String yaml = Files.readString(file);
            for (int cut = 0; cut < yaml.length(); cut += Math.max(1, yaml.length() / 40)) {
                String truncated = yaml.substring(0, cut);
                String mangled = yaml.substring(0, cut) + "\t:- {{ [" + yaml.substring(cut);
                assertThatCode(() -> parser.parse(truncated)).as(file + " cut at " + cut).doesNotThrowAnyException();
                assertThatCode(() -> parser.parse(mangled)).as(file + " mangled at " + cut).doesNotThrowAnyException();
            }
        }
    }
}
