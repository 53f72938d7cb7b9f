package dev.vigil.steps.data;

import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code data.find}: {@code {item, index}} of the first item of {@code items} matching the KQL
 * {@code with.condition} (over {@code {item, index}} only), or null; {@code with.errorIfEmpty} turns "no match"
 * into a failure.
 */
public final class DataFindStep implements StepAction {

    public static final String TYPE = "data.find";

    public static StepDefinition definition() {
        return StepDefinition.of(TYPE, "Finds the first item matching a KQL condition: {item, index} or null",
                new DataFindStep()).withFields(List.of("items"), List.of("items"));
    }

    record Params(List<Object> items, Object condition, boolean errorIfEmpty) {
        static Params of(StepInvocation call) throws StepFailure {
            return new Params(DataArgs.array(TYPE, "items", call.field("items")),
                    Conditions.check(TYPE, call.with().get("condition")),
                    DataArgs.bool(TYPE, "with.errorIfEmpty", call.with().get("errorIfEmpty"), false));
        }
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        Params params = Params.of(call);
        for (int i = 0; i < params.items().size(); i++) {
            Object item = params.items().get(i);
            if (Conditions.holds(call, params.condition(), item, i)) {
                Map<String, Object> found = new LinkedHashMap<>();
                found.put("item", item);
                found.put("index", (long) i);
                return found;
            }
        }
        if (params.errorIfEmpty()) {
            throw new StepFailure(TYPE + ": no item of " + params.items().size()
                    + " matched the condition (errorIfEmpty is set)");
        }
        return null;
    }
}
