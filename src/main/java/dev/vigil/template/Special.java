package dev.vigil.template;

import java.util.List;
import java.util.Map;

/** The Liquid literals {@code nil}, {@code empty} and {@code blank}, which compare specially (LiquidJS drops). */
enum Special {
    NIL, EMPTY, BLANK;

    /** The plain value the literal stands for outside comparisons. */
    Object value() {
        return this == NIL ? null : "";
    }

    boolean matches(Object other) {
        Object v = JsValues.toValue(other);
        return switch (this) {
            case NIL -> v == null || v == Undefined.INSTANCE;
            case EMPTY -> isEmpty(other);
            case BLANK -> Boolean.FALSE.equals(v) || v == null || v == Undefined.INSTANCE
                    || (v instanceof String s && s.isBlank()) || isEmpty(other);
        };
    }

    private static boolean isEmpty(Object other) {
        if (other == EMPTY || other == BLANK) {
            return false;
        }
        return switch (JsValues.toValue(other)) {
            case String s -> s.isEmpty();
            case List<?> l -> l.isEmpty();
            case Map<?, ?> m -> m.isEmpty();
            case null, default -> false;
        };
    }
}
