package dev.vigil.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.steps.http.HttpStep;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BuiltinStepsTest {

    private final StepRegistry registry = BuiltinSteps.standard(HttpStep.defaultClient()).build();

    @Test
    void registersEveryBuiltInActionType() {
        assertThat(registry.all()).extracting(StepDefinition::type).containsExactlyInAnyOrder(
                "console", "http", "data.set", "data.map", "data.filter", "data.find", "data.aggregate",
                "data.concat", "data.dedupe", "data.parseJson", "data.stringifyJson", "data.regexExtract",
                "data.regexReplace");
        assertThat(registry.kindOf("data.map", false)).isEqualTo(StepRegistry.Kind.BUILT_IN);
    }

    @Test
    void onlyHttpIsExternalAndOnlyDataMapTakesRawWith() {
        assertThat(registry.all().stream().filter(StepDefinition::external).map(StepDefinition::type))
                .containsExactly("http");
        assertThat(registry.all().stream().filter(StepDefinition::rawWith).map(StepDefinition::type))
                .containsExactly("data.map");
    }

    @Test
    void dataStepsReadTheirSourceAtTheTopLevel() {
        Map<String, List<String>> fields = registry.all().stream()
                .collect(Collectors.toMap(StepDefinition::type, StepDefinition::fields));
        assertThat(fields).containsEntry("data.map", List.of("items"))
                .containsEntry("data.concat", List.of("arrays"))
                .containsEntry("data.dedupe", List.of("items", "strategy"))
                .containsEntry("data.parseJson", List.of("source"))
                .containsEntry("data.regexExtract", List.of("source", "errorIfNoMatch"))
                .containsEntry("data.regexReplace", List.of("source", "detailed"))
                .containsEntry("console", List.of())
                .containsEntry("http", List.of());
    }

    @Test
    void everyDefinitionHasASummary() {
        assertThat(registry.all()).allSatisfy(d -> assertThat(d.summary()).isNotBlank());
    }

    @Test
    void theIntegratorCanAddMoreTypes() {
        StepRegistry more = BuiltinSteps.standard(HttpStep.defaultClient())
                .add(StepDefinition.of("cases.createCase", "test", call -> null)).build();
        assertThat(more.knows("cases.createCase")).isTrue();
    }
}
