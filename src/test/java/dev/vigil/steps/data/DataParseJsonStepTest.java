package dev.vigil.steps.data;

import static dev.vigil.steps.FakeInvocation.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.steps.FakeInvocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataParseJsonStepTest {

    private static Object run(Object source) throws Exception {
        return new DataParseJsonStep().run(FakeInvocation.withNothing().field("source", source));
    }

    @Test
    void parsesAStringIntoTheValueModel() throws Exception {
        assertThat(run(" {\"a\": [1, 2.5, true, null], \"b\": \"x\"}\n"))
                .isEqualTo(map("a", java.util.Arrays.asList(1L, 2.5, true, null), "b", "x"));
        assertThat(run("42")).isEqualTo(42L);
        assertThat(run("\"text\"")).isEqualTo("text");
    }

    @Test
    void structuredValuesPassThroughUnchanged() throws Exception {
        assertThat(run(map("a", 1))).isEqualTo(map("a", 1));
        assertThat(run(List.of(1))).isEqualTo(List.of(1L));
        assertThat(run(5L)).isEqualTo(5L);
        assertThat(run(true)).isEqualTo(true);
    }

    @Test
    void nullFails() {
        assertThatThrownBy(() -> run(null)).hasMessage("data.parseJson: Source is null or undefined");
    }

    @Test
    void invalidJsonFailsWithTheReason() {
        assertThatThrownBy(() -> run("{\"a\": }")).hasMessageStartingWith("data.parseJson: Invalid JSON: ");
        assertThatThrownBy(() -> run("{} trailing")).hasMessageStartingWith("data.parseJson: Invalid JSON: ");
        assertThatThrownBy(() -> run("")).hasMessageStartingWith("data.parseJson: Invalid JSON: ");
    }

    @Test
    void sourceOverTenMegabytesFails() {
        String big = "\"" + "x".repeat(10 * 1024 * 1024) + "\"";
        assertThatThrownBy(() -> run(big)).hasMessageStartingWith("data.parseJson: source is larger than 10 MB");
    }

    @Test
    void definitionRequiresSource() {
        assertThat(DataParseJsonStep.definition().requiredFields()).containsExactly("source");
    }
}
