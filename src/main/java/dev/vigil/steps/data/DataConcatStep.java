package dev.vigil.steps.data;

import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code data.concat}: joins the arrays of top-level {@code arrays} (at most 50). {@code with.flatten} (true = one
 * level, or a depth 1..10) then flattens nested arrays like {@code Array.prototype.flat}; {@code with.dedupe}
 * finally drops repeated values (deep equality, first occurrence kept).
 */
public final class DataConcatStep implements StepAction {

    public static final String TYPE = "data.concat";
    static final int MAX_ARRAYS = 50;
    static final int MAX_DEPTH = 10;

    public static StepDefinition definition() {
        return StepDefinition.of(TYPE, "Concatenates arrays, optionally flattened and de-duplicated",
                new DataConcatStep()).withFields(List.of("arrays"), List.of("arrays"));
    }

    record Params(List<Object> arrays, boolean dedupe, int flattenDepth) {
        static Params of(StepInvocation call) throws StepFailure {
            List<Object> arrays = DataArgs.array(TYPE, "arrays", call.field("arrays"));
            if (arrays.size() > MAX_ARRAYS) {
                throw new StepFailure(TYPE + ": arrays holds " + arrays.size() + " arrays; at most " + MAX_ARRAYS
                        + " are allowed");
            }
            return new Params(arrays, DataArgs.bool(TYPE, "with.dedupe", call.with().get("dedupe"), false),
                    depth(call.with().get("flatten")));
        }

        private static int depth(Object flatten) throws StepFailure {
            if (flatten == null || flatten instanceof Boolean || flatten instanceof String s
                    && (s.isBlank() || s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
                return DataArgs.bool(TYPE, "with.flatten", flatten, false) ? 1 : 0;
            }
            Long depth = DataArgs.integer(TYPE, "with.flatten", flatten);
            if (depth < 1 || depth > MAX_DEPTH) {
                throw new StepFailure(TYPE + ": with.flatten must be true or a depth from 1 to " + MAX_DEPTH
                        + ", got " + depth);
            }
            return depth.intValue();
        }
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        Params params = Params.of(call);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < params.arrays().size(); i++) {
            out.addAll(DataArgs.array(TYPE, "arrays[" + i + "]", params.arrays().get(i)));
        }
        for (int level = 0; level < params.flattenDepth(); level++) {
            out = flattenOnce(out);
        }
        return params.dedupe() ? new ArrayList<>(new LinkedHashSet<>(out)) : out;
    }

    private static List<Object> flattenOnce(List<Object> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object value : values) {
            if (value instanceof List<?> nested) {
                out.addAll(nested);
            } else {
                out.add(value);
            }
        }
        return out;
    }
}
