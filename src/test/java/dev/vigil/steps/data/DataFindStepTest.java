package dev.vigil.steps.data;

import static dev.vigil.steps.FakeInvocation.map;
import static dev.vigil.steps.data.DataFilterStepTest.ALERTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.steps.FakeInvocation;
import dev.vigil.steps.StepFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataFindStepTest {

    @Test
    void givesTheFirstMatchWithItsIndex() throws Exception {
        Object out = new DataFindStep().run(FakeInvocation.with(map("condition", "item.sev: low"))
                .field("items", ALERTS).conditions(DataFilterStepTest::sevIs));

        assertThat(out).isEqualTo(map("item", ALERTS.get(1), "index", 1));
    }

    @Test
    void stopsEvaluatingAtTheFirstMatch() throws Exception {
        FakeInvocation call = FakeInvocation.with(map("condition", "item.sev: high")).field("items", ALERTS)
                .conditions(DataFilterStepTest::sevIs);
        new DataFindStep().run(call);
        assertThat(call.conditionSubjects()).hasSize(1);
    }

    @Test
    void noMatchGivesNull() throws Exception {
        assertThat(new DataFindStep().run(FakeInvocation.with(map("condition", "item.sev: none"))
                .field("items", ALERTS).conditions(DataFilterStepTest::sevIs))).isNull();
        assertThat(new DataFindStep().run(FakeInvocation.withNothing().field("items", List.of()))).isNull();
    }

    @Test
    void errorIfEmptyFailsWhenNothingMatches() {
        assertThatThrownBy(() -> new DataFindStep().run(FakeInvocation.with(map("condition", "item.sev: none",
                "errorIfEmpty", true)).field("items", ALERTS).conditions(DataFilterStepTest::sevIs)))
                .isInstanceOf(StepFailure.class)
                .hasMessage("data.find: no item of 4 matched the condition (errorIfEmpty is set)");
    }

    @Test
    void itemsMustBeAnArray() {
        assertThatThrownBy(() -> new DataFindStep().run(FakeInvocation.withNothing().field("items", "x")))
                .hasMessage("data.find: items must be an array, got string");
    }
}
