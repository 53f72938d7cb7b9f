package dev.vigil.steps.data;

import static dev.vigil.steps.FakeInvocation.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.steps.FakeInvocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataSetStepTest {

    @Test
    void outputIsTheRenderedWithInItsOrder() throws Exception {
        Object out = new DataSetStep().run(FakeInvocation.with(map("b", 1, "a", List.of("x"), "c", null)));

        assertThat(out).isEqualTo(map("b", 1, "a", List.of("x"), "c", null));
        assertThat(new java.util.ArrayList<Object>(((java.util.Map<?, ?>) out).keySet())).containsExactly("b", "a", "c");
    }

    @Test
    void emptyWithGivesAnEmptyMap() throws Exception {
        assertThat(new DataSetStep().run(FakeInvocation.withNothing())).isEqualTo(map());
    }

    @Test
    void definitionNeedsNothing() {
        assertThat(DataSetStep.definition().type()).isEqualTo("data.set");
        assertThat(DataSetStep.definition().requiredWith()).isEmpty();
        assertThat(DataSetStep.definition().fields()).isEmpty();
    }
}
