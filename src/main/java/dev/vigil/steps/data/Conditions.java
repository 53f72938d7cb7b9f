package dev.vigil.steps.data;

import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;

/** The item condition shared by {@code data.filter} and {@code data.find}. */
final class Conditions {

    private Conditions() {
    }

    /** The condition as written: null (match all), a Boolean, or a KQL string. */
    static Object check(String stepType, Object condition) throws StepFailure {
        return switch (condition) {
            case null -> null;
            case Boolean b -> b;
            case String s -> s.isBlank() ? null : s;
            default -> throw DataArgs.bad(stepType, "with.condition", "a KQL string", condition);
        };
    }

    static boolean holds(StepInvocation call, Object condition, Object item, long index) throws StepFailure {
        return switch (condition) {
            case null -> true;
            case Boolean b -> b;
            case String kql -> call.matches(kql, DataArgs.vars("item", item, "index", index));
            default -> false;
        };
    }
}
