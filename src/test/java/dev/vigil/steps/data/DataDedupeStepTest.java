package dev.vigil.steps.data;

import static dev.vigil.steps.FakeInvocation.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.steps.FakeInvocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDedupeStepTest {

    static final List<Object> HOSTS = List.of(
            map("host", map("name", "a"), "user", "x", "n", 1),
            map("host", map("name", "b"), "user", "x", "n", 2),
            map("host", map("name", "a"), "user", "y", "n", 3),
            map("host", map("name", "a"), "user", "x", "n", 4));

    private static Object run(Map<String, Object> with, Object strategy) throws Exception {
        return new DataDedupeStep().run(FakeInvocation.with(with).field("items", HOSTS).field("strategy", strategy));
    }

    @Test
    void keepsTheFirstItemPerDottedKey() throws Exception {
        assertThat(run(map("keys", List.of("host.name")), null)).isEqualTo(List.of(HOSTS.get(0), HOSTS.get(1)));
    }

    @Test
    void keepLastKeepsTheLastItemPerKeyInOriginalOrder() throws Exception {
        assertThat(run(map("keys", List.of("host.name")), "keep_last")).isEqualTo(List.of(HOSTS.get(1), HOSTS.get(3)));
    }

    @Test
    void severalKeysFormOneCompositeKey() throws Exception {
        assertThat(run(map("keys", List.of("host.name", "user")), "keep_first"))
                .isEqualTo(List.of(HOSTS.get(0), HOSTS.get(1), HOSTS.get(2)));
    }

    @Test
    void withoutKeysWholeItemsAreCompared() throws Exception {
        Object out = new DataDedupeStep().run(FakeInvocation.withNothing()
                .field("items", List.of(map("a", 1), "x", map("a", 1), "x", 2)));
        assertThat(out).isEqualTo(List.of(map("a", 1), "x", 2L));
    }

    @Test
    void missingKeysCountAsNull() throws Exception {
        Object out = new DataDedupeStep().run(FakeInvocation.with(map("keys", List.of("id")))
                .field("items", List.of(map("x", 1), map("x", 2), map("id", 1))));
        assertThat(out).isEqualTo(List.of(map("x", 1), map("id", 1)));
    }

    @Test
    void unknownStrategyFails() {
        assertThatThrownBy(() -> run(map(), "keep_middle"))
                .hasMessage("data.dedupe: strategy must be keep_first or keep_last, got \"keep_middle\"");
    }

    @Test
    void itemsMustBeAnArrayAndKeysStrings() {
        assertThatThrownBy(() -> new DataDedupeStep().run(FakeInvocation.withNothing().field("items", 5L)))
                .hasMessage("data.dedupe: items must be an array, got number");
        assertThatThrownBy(() -> run(map("keys", List.of(1)), null))
                .hasMessage("data.dedupe: with.keys[0] must be a string, got number");
    }

    @Test
    void definitionReadsItemsAndStrategy() {
        assertThat(DataDedupeStep.definition().fields()).containsExactly("items", "strategy");
    }
}
