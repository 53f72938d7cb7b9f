package dev.vigil.steps.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.sims.GenericHttpSim;
import dev.vigil.steps.StepFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaCheckTest {

    @Test
    void problemsNameThePlaceAndWhatIsWrong() throws StepFailure {
        JsonSchemaCheck check = JsonSchemaCheck.of("ai.prompt", Map.of("type", "object",
                "required", List.of("id"), "properties", Map.of("n", Map.of("type", "integer", "minimum", 1))));
        assertThat(check.problems(Map.of("id", "a", "n", 3L))).isEmpty();
        assertThat(check.problems(Map.of("n", 0L))).containsExactlyInAnyOrder(
                "$: required property 'id' not found", "$.n: must have a minimum value of 1");
    }

    @Test
    void aBrokenSchemaFailsAsInvalidSchemaNamingWhereItIsBroken() {
        assertThatThrownBy(() -> JsonSchemaCheck.of("ai.prompt", Map.of("type", "object",
                "properties", Map.of("n", Map.of("type", "integr")))))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.type()).isEqualTo("InvalidSchema");
                    assertThat(f.getMessage()).startsWith("ai.prompt: with.schema is not a valid JSON schema: ")
                            .contains("$.properties.n.type");
                });
    }

    @Test
    void remoteReferencesAreNeverFetched() {
        try (GenericHttpSim remote = new GenericHttpSim()) {
            assertThatThrownBy(() -> JsonSchemaCheck.of("ai.prompt", Map.of("$ref", remote.url() + "/echo/schema.json"))
                    .problems(Map.of("a", 1L)))
                    .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.type()).isEqualTo("InvalidSchema"));
            assertThat(remote.requests()).isEmpty();
        }
    }
}
