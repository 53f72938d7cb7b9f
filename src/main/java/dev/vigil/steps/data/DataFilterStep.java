package dev.vigil.steps.data;

import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code data.filter}: the items of top-level {@code items} for which the KQL {@code with.condition} holds, in
 * order, stopping at {@code with.limit}. The condition sees only {@code {item, index}}, never the workflow
 * context. An absent or blank condition keeps every item; a boolean condition (a rendered {@code ${{ }}}) keeps
 * all or none.
 */
public final class DataFilterStep implements StepAction {

    public static final String TYPE = "data.filter";

    public static StepDefinition definition() {
        return StepDefinition.of(TYPE, "Keeps the items matching a KQL condition over {item, index}",
                new DataFilterStep()).withFields(List.of("items"), List.of("items"));
    }

    record Params(List<Object> items, Object condition, Long limit) {
        static Params of(StepInvocation call) throws StepFailure {
            Long limit = DataArgs.integer(TYPE, "with.limit", call.with().get("limit"));
            if (limit != null && limit < 0) {
                throw new StepFailure(TYPE + ": with.limit must not be negative, got " + limit);
            }
            return new Params(DataArgs.array(TYPE, "items", call.field("items")),
                    Conditions.check(TYPE, call.with().get("condition")), limit);
        }
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        Params params = Params.of(call);
        long limit = params.limit() == null ? Long.MAX_VALUE : params.limit();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < params.items().size() && out.size() < limit; i++) {
            Object item = params.items().get(i);
            if (Conditions.holds(call, params.condition(), item, i)) {
                out.add(item);
            }
        }
        return out;
    }
}
