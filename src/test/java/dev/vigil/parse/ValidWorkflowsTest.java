package dev.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.OnFailure;
import dev.vigil.model.Settings;
import dev.vigil.model.Step;
import dev.vigil.model.Trigger;
import dev.vigil.model.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The fixtures under {@code workflows/valid} parse without problems into the expected model. */
class ValidWorkflowsTest {

    static final Path DIR = Path.of("src", "test", "resources", "workflows", "valid");

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static Workflow parse(String fixture) throws IOException {
        ParseResult result = TestRegistry.parser().parse(Files.readString(DIR.resolve(fixture)));
        assertThat(result.problems()).as(fixture).isEmpty();
        assertThat(result.valid()).isTrue();
        return result.workflow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parses_without_problems(String fixture) throws IOException {
        assertThat(parse(fixture)).isNotNull();
    }

    @Test
    void reads_the_top_level_fields() throws IOException {
        Workflow wf = parse("full-featured.yaml");
        assertThat(wf.version()).isEqualTo("1");
        assertThat(wf.name()).isEqualTo("Full featured");
        assertThat(wf.enabled()).isFalse();
        assertThat(wf.tags()).containsExactly("security", "demo");
        assertThat(wf.consts()).containsEntry("index", "logs-*");
        assertThat(wf.outputs()).isEqualTo(Map.of("properties", Map.of("verdict", Map.of("type", "string")),
                "additionalProperties", false));
    }

    @Test
    void reads_every_trigger_kind() throws IOException {
        List<Trigger> triggers = parse("full-featured.yaml").triggers();
        assertThat(triggers).hasSize(6);
        assertThat(triggers.get(0)).isEqualTo(new Trigger.Manual("demo.requested"));
        assertThat(triggers.get(1)).isEqualTo(new Trigger.Scheduled(null, new Trigger.Rrule("WEEKLY", 2,
                "Europe/Paris", "2025-01-01T09:00:00Z", List.of(8), List.of(30), List.of("MO", "FR"), List.of())));
        assertThat(triggers.get(2)).isEqualTo(new Trigger.Scheduled("5m", null));
        assertThat(triggers.get(3)).isEqualTo(new Trigger.Alert(null, null, "event.rule.name : \"Malware*\""));
        assertThat(triggers.get(4)).isEqualTo(new Trigger.Event("workflows.failed", null, "avoid-loop"));
        assertThat(triggers.get(5)).isEqualTo(new Trigger.Event("cases.caseCreated",
                "event.owner : \"securitySolution\"", "allow-all"));
    }

    @Test
    void reads_the_investigation_and_indicator_triggers() throws IOException {
        List<Trigger> triggers = parse("investigation-triggers.yaml").triggers();
        assertThat(triggers).containsExactly(new Trigger.Investigation(null),
                new Trigger.Investigation("investigation.priority: (high or critical)"),
                new Trigger.Indicator(List.of("ipv4", "domain", "sha256"), null),
                new Trigger.Indicator(List.of("url"), "indicator.value: *evil*"));
    }

    @Test
    void reads_settings_with_defaults() throws IOException {
        Settings s = parse("full-featured.yaml").settings();
        assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(s.timezone()).isEqualTo("Europe/Paris");
        assertThat(s.maxStepSize()).isEqualTo(1_572_864L);
        assertThat(s.concurrency()).isEqualTo(new Settings.Concurrency("{{ inputs.host }}", "queue", 2, 10,
                Duration.ofHours(2)));
        assertThat(s.onFailure().retry().maxAttempts()).isEqualTo(2);
        assertThat(s.liquid()).isEqualTo(new Settings.LiquidLimits(600_000, 1_500, 15_000_000L));
    }

    @Test
    void reads_on_failure() throws IOException {
        Step lookup = parse("full-featured.yaml").steps().getFirst();
        OnFailure onFailure = lookup.header().onFailure();
        assertThat(onFailure.retry()).isEqualTo(new OnFailure.Retry(3, Duration.ofSeconds(2),
                "error.type : \"NetworkError\"", "exponential", 3.0, Duration.ofSeconds(30), true));
        assertThat(onFailure.fallback()).extracting(Step::name).containsExactly("log_failure");
        assertThat(onFailure.continueWhen()).isEqualTo("{{ inputs.notify }}");
        assertThat(lookup.header().timeout()).isEqualTo("30s");
        assertThat(lookup.header().maxStepSize()).isEqualTo(512 * 1024L);
    }

    @Test
    void builds_the_step_tree() throws IOException {
        List<Step> steps = parse("full-featured.yaml").steps();
        assertThat(steps).extracting(Step::name).containsExactly("lookup", "check", "route", "fan_out", "approve",
                "matches", "notify_slack", "child", "done");

        Step.If check = (Step.If) steps.get(1);
        assertThat(check.condition()).isEqualTo("steps.lookup.output.status >= 200");
        Step.Foreach loop = (Step.Foreach) check.then().getFirst();
        assertThat(loop.items()).isEqualTo("{{ inputs.ips | json }}");
        assertThat(loop.header().foreach()).isNull();
        assertThat(loop.maxIterations()).isEqualTo(new Step.MaxIterations(10, true));
        assertThat(loop.iterationTimeout()).isEqualTo("10s");
        assertThat(loop.iterationOnFailure().continueWhen()).isEqualTo(true);
        assertThat(loop.steps().getFirst().header().ifCondition()).isEqualTo("{{ foreach.item contains '10.' }}");
        Step.While poll = (Step.While) check.otherwise().getFirst();
        assertThat(poll.maxIterations()).isEqualTo(new Step.MaxIterations(5, false));
        assertThat(poll.steps()).extracting(Step::type).containsExactly("http", "wait");
        assertThat(poll.header().path()).isEqualTo("steps[1].else[0]");

        Step.Switch route = (Step.Switch) steps.get(2);
        assertThat(route.cases()).extracting(Step.Switch.Case::match).containsExactly(5L, "high");
        assertThat(route.otherwise()).extracting(Step::name).containsExactly("other");

        Step.Parallel fan = (Step.Parallel) steps.get(3);
        assertThat(fan.branches()).extracting(Step.Parallel.Branch::name).containsExactly("a", "b");
        assertThat(fan.concurrency()).isEqualTo(3);
        assertThat(fan.mode()).isEqualTo("settled");
        assertThat(fan.branchTimeout()).isEqualTo("1m");

        Step.Action approve = (Step.Action) steps.get(4);
        assertThat(approve.header().timeout()).isEqualTo("{{ consts.approval_timeout }}");

        Step.Action matches = (Step.Action) steps.get(5);
        assertThat(matches.fields()).isEqualTo(Map.of("items", "${{ steps.lookup.output.data.hits }}"));
        assertThat(matches.with()).isEqualTo(Map.of("condition", "item.severity >= 5", "limit", 3L));

        Step.Action slack = (Step.Action) steps.get(6);
        assertThat(slack.header().connectorId()).isEqualTo("{{ consts.slack }}");
        assertThat(slack.header().ifCondition()).isEqualTo("inputs.notify : true");

        Step.Action done = (Step.Action) steps.get(8);
        assertThat(done.fields()).isEqualTo(Map.of("status", "completed"));
    }

    @Test
    void keeps_json_schema_inputs_as_written() throws IOException {
        Map<String, Object> inputs = parse("json-schema-inputs.yaml").inputs();
        assertThat(inputs).containsEntry("type", "object").containsEntry("required", List.of("user"))
                .containsEntry("additionalProperties", false);
        assertThat(inputs.get("properties")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("user", "tags");
    }

    @Test
    void reads_scalars_with_the_yaml_1_2_core_schema() throws IOException {
        Workflow wf = parse("yaml-features.yaml");
        assertThat(wf.consts()).containsEntry("answer", "yes").containsEntry("switch", "on")
                .containsEntry("octal", 15L).containsEntry("hex", 31L).containsEntry("ratio", 0.5)
                .containsEntry("nothing", null);
        Step.Action first = (Step.Action) wf.steps().getFirst();
        assertThat(first.with()).isEqualTo(Map.of("config", Map.of("region", "eu", "retries", 3L), "flag", true));
    }
}
