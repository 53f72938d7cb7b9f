package dev.vigil.steps.data;

import static dev.vigil.steps.FakeInvocation.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.steps.FakeInvocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataConcatStepTest {

    private static Object run(Object arrays, Map<String, Object> with) throws Exception {
        return new DataConcatStep().run(FakeInvocation.with(with).field("arrays", arrays));
    }

    @Test
    void concatenatesInOrder() throws Exception {
        assertThat(run(List.of(List.of(1, 2), List.of(), List.of(3)), map())).isEqualTo(List.of(1L, 2L, 3L));
    }

    @Test
    void dedupeKeepsFirstOccurrencesWithDeepEquality() throws Exception {
        Object out = run(List.of(List.of(1, map("a", 1)), List.of(1, 2, map("a", 1))), map("dedupe", true));
        assertThat(out).isEqualTo(List.of(1L, map("a", 1), 2L));
    }

    @Test
    void flattenTrueFlattensOneLevel() throws Exception {
        Object out = run(List.of(List.of(List.of(1, List.of(2)), 3)), map("flatten", true));
        assertThat(out).isEqualTo(List.of(1L, List.of(2L), 3L));
    }

    @Test
    void flattenDepthFlattensThatManyLevels() throws Exception {
        Object out = run(List.of(List.of(List.of(1, List.of(2, List.of(3))))), map("flatten", 2));
        assertThat(out).isEqualTo(List.of(1L, 2L, List.of(3L)));
    }

    @Test
    void flattenFalseKeepsNesting() throws Exception {
        assertThat(run(List.of(List.of(List.of(1))), map("flatten", "false"))).isEqualTo(List.of(List.of(1L)));
    }

    @Test
    void flattenOutOfRangeFails() {
        assertThatThrownBy(() -> run(List.of(), map("flatten", 11)))
                .hasMessage("data.concat: with.flatten must be true or a depth from 1 to 10, got 11");
        assertThatThrownBy(() -> run(List.of(), map("flatten", 0)))
                .hasMessage("data.concat: with.flatten must be true or a depth from 1 to 10, got 0");
    }

    @Test
    void atMostFiftyArrays() throws Exception {
        assertThat(run(new ArrayList<>(Collections.nCopies(50, List.of(1))), map())).asList().hasSize(50);
        assertThatThrownBy(() -> run(new ArrayList<>(Collections.nCopies(51, List.of(1))), map()))
                .hasMessage("data.concat: arrays holds 51 arrays; at most 50 are allowed");
    }

    @Test
    void everyElementMustBeAnArray() {
        assertThatThrownBy(() -> run(List.of(List.of(1), "x"), map()))
                .hasMessage("data.concat: arrays[1] must be an array, got string");
        assertThatThrownBy(() -> run("x", map())).hasMessage("data.concat: arrays must be an array, got string");
    }

    @Test
    void definitionRequiresArrays() {
        assertThat(DataConcatStep.definition().fields()).containsExactly("arrays");
        assertThat(DataConcatStep.definition().requiredFields()).containsExactly("arrays");
    }
}
