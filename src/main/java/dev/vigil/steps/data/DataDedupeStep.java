package dev.vigil.steps.data;

import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code data.dedupe}: drops items of {@code items} whose {@code with.keys} (dotted paths) equal those of another
 * item; without keys whole items are compared (deep equality of the value model). Top-level {@code strategy}:
 * {@code keep_first} (default) or {@code keep_last}; either way the kept items stay in their original order.
 * A missing key counts as null, so items lacking every key are duplicates of each other.
 */
public final class DataDedupeStep implements StepAction {

    public static final String TYPE = "data.dedupe";

    public static StepDefinition definition() {
        return StepDefinition.of(TYPE, "Removes duplicate items, compared on with.keys or as a whole",
                new DataDedupeStep()).withFields(List.of("items", "strategy"), List.of("items"));
    }

    record Params(List<Object> items, List<String> keys, boolean keepLast) {
        static Params of(StepInvocation call) throws StepFailure {
            Object strategy = call.field("strategy") != null ? call.field("strategy") : call.with().get("strategy");
            boolean keepLast = switch (DataArgs.string(TYPE, "strategy", strategy, false)) {
                case null -> false;
                case "keep_first" -> false;
                case "keep_last" -> true;
                case String other -> throw new StepFailure(TYPE + ": strategy must be keep_first or keep_last, got \""
                        + other + "\"");
            };
            return new Params(DataArgs.array(TYPE, "items", call.field("items")),
                    DataArgs.strings(TYPE, "with.keys", call.with().get("keys")), keepLast);
        }
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        Params params = Params.of(call);
        List<Object> items = new ArrayList<>(params.items());
        if (params.keepLast()) {
            Collections.reverse(items);
        }
        Set<Object> seen = new HashSet<>();
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
            if (seen.add(key(item, params.keys()))) {
                out.add(item);
            }
        }
        if (params.keepLast()) {
            Collections.reverse(out);
        }
        return out;
    }

    private static Object key(Object item, List<String> keys) {
        if (keys.isEmpty()) {
            return item;
        }
        List<Object> key = new ArrayList<>(keys.size());
        for (String path : keys) {
            key.add(DataArgs.path(item, path));
        }
        return key;
    }
}
