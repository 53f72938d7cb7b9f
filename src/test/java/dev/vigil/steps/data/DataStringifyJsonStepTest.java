package dev.vigil.steps.data;

import static dev.vigil.steps.FakeInvocation.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.steps.FakeInvocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataStringifyJsonStepTest {

    private static Object run(Object source, Map<String, Object> with) throws Exception {
        return new DataStringifyJsonStep().run(FakeInvocation.with(with).field("source", source));
    }

    @Test
    void compactByDefault() throws Exception {
        assertThat(run(map("a", List.of(1, "x"), "b", null), map())).isEqualTo("{\"a\":[1,\"x\"],\"b\":null}");
        assertThat(run("text", map())).isEqualTo("\"text\"");
        assertThat(run(null, map())).isEqualTo("null");
    }

    @Test
    void prettyMatchesJavaScriptsTwoSpaceLayout() throws Exception {
        Object source = map("a", 1, "list", List.of(1, map("b", true)), "empty", map(), "none", List.of());
        assertThat(run(source, map("pretty", true))).isEqualTo("""
                {
                  "a": 1,
                  "list": [
                    1,
                    {
                      "b": true
                    }
                  ],
                  "empty": {},
                  "none": []
                }""");
    }

    @Test
    void prettyMayBeRenderedText() throws Exception {
        assertThat(run(List.of(1), map("pretty", "true"))).isEqualTo("[\n  1\n]");
    }

    @Test
    void badPrettyFails() {
        assertThatThrownBy(() -> run(1, map("pretty", 3)))
                .hasMessage("data.stringifyJson: with.pretty must be a boolean, got number");
    }
}
