package dev.vigil.steps.data;

import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepInvocation;
import java.util.LinkedHashMap;

/**
 * {@code data.set}: output = the rendered {@code with}. The executor merges that output into {@code variables.*};
 * the step itself only hands the map back, so it stays free of executor state.
 */
public final class DataSetStep implements StepAction {

    public static final String TYPE = "data.set";

    public static StepDefinition definition() {
        return StepDefinition.of(TYPE, "Sets workflow variables: output = the rendered with, merged into variables",
                new DataSetStep());
    }

    @Override
    public Object run(StepInvocation call) {
        return new LinkedHashMap<>(call.with());
    }
}
