package dev.vigil.steps.data;

import static dev.vigil.steps.FakeInvocation.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.steps.FakeInvocation;
import dev.vigil.steps.StepFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataFilterStepTest {

    static final List<Object> ALERTS = List.of(map("sev", "high", "id", 1), map("sev", "low", "id", 2),
            map("sev", "high", "id", 3), map("sev", "high", "id", 4));

    /** Stands in for KQL: understands only {@code item.sev: <value>}. */
    static boolean sevIs(String condition, Object subject) throws StepFailure {
        if (!condition.startsWith("item.sev: ")) {
            throw new StepFailure("Syntax error in condition \"" + condition + "\"");
        }
        Object item = ((Map<?, ?>) subject).get("item");
        return ((Map<?, ?>) item).get("sev").equals(condition.substring("item.sev: ".length()));
    }

    @Test
    void keepsMatchingItemsInOrder() throws Exception {
        Object out = new DataFilterStep().run(FakeInvocation.with(map("condition", "item.sev: high"))
                .field("items", ALERTS).conditions(DataFilterStepTest::sevIs));

        assertThat(out).isEqualTo(List.of(ALERTS.get(0), ALERTS.get(2), ALERTS.get(3)));
    }

    @Test
    void conditionSeesOnlyItemAndIndex() throws Exception {
        FakeInvocation call = FakeInvocation.with(map("condition", "item.sev: high")).field("items", ALERTS)
                .conditions(DataFilterStepTest::sevIs);
        new DataFilterStep().run(call);

        assertThat(call.conditionSubjects()).hasSize(4);
        assertThat(call.conditionSubjects().get(1)).isEqualTo(map("item", ALERTS.get(1), "index", 1));
    }

    @Test
    void stopsAtLimit() throws Exception {
        FakeInvocation call = FakeInvocation.with(map("condition", "item.sev: high", "limit", 2))
                .field("items", ALERTS).conditions(DataFilterStepTest::sevIs);

        assertThat(new DataFilterStep().run(call)).isEqualTo(List.of(ALERTS.get(0), ALERTS.get(2)));
        assertThat(call.conditionSubjects()).hasSize(3);
    }

    @Test
    void limitMayBeRenderedText() throws Exception {
        Object out = new DataFilterStep().run(FakeInvocation.with(map("limit", "1")).field("items", ALERTS));
        assertThat(out).isEqualTo(List.of(ALERTS.get(0)));
    }

    @Test
    void emptyOrMissingConditionKeepsEverything() throws Exception {
        assertThat(new DataFilterStep().run(FakeInvocation.with(map("condition", "  ")).field("items", ALERTS)))
                .isEqualTo(ALERTS);
        assertThat(new DataFilterStep().run(FakeInvocation.withNothing().field("items", ALERTS))).isEqualTo(ALERTS);
    }

    @Test
    void invalidConditionFailsWithTheEvaluatorsError() {
        assertThatThrownBy(() -> new DataFilterStep().run(FakeInvocation.with(map("condition", "item.sev == 'x'"))
                .field("items", ALERTS).conditions(DataFilterStepTest::sevIs)))
                .isInstanceOf(StepFailure.class).hasMessageContaining("Syntax error in condition");
    }

    @Test
    void itemsMustBeAnArray() {
        assertThatThrownBy(() -> new DataFilterStep().run(FakeInvocation.withNothing().field("items", map())))
                .hasMessage("data.filter: items must be an array, got object");
    }

    @Test
    void badLimitFails() {
        assertThatThrownBy(() -> new DataFilterStep().run(FakeInvocation.with(map("limit", "many"))
                .field("items", ALERTS))).hasMessage("data.filter: with.limit must be an integer, got string");
        assertThatThrownBy(() -> new DataFilterStep().run(FakeInvocation.with(map("limit", -1))
                .field("items", ALERTS))).hasMessage("data.filter: with.limit must not be negative, got -1");
    }

    @Test
    void definitionReadsItems() {
        assertThat(DataFilterStep.definition().requiredFields()).containsExactly("items");
        assertThat(DataFilterStep.definition().requiredWith()).isEmpty();
    }
}
