package dev.vigil.condition;

import java.time.Instant;
import java.util.List;

/**
 * Applies a term to what a {@link Path} resolved to: one scalar, a list value, or values collected across a
 * list ({@link Path.Multi}). Lists match when any element matches (nested lists flattened to a fixed depth).
 */
final class Terms {

    private Terms() {
    }

    static boolean anyMatch(Object resolved, Literal literal, Instant now) {
        return anyMatch(resolved, literal, now, 0);
    }

    private static boolean anyMatch(Object value, Literal literal, Instant now, int depth) {
        List<?> elements = elements(value);
        if (elements == null) {
            return value != Path.MISSING && literal.matchesScalar(value, now);
        }
        if (depth >= Path.MAX_LIST_DEPTH) {
            return false;
        }
        try {
            for (Object element : elements) {
                if (anyMatch(element, literal, now, depth + 1)) {
                    return true;
                }
            }
        } catch (RuntimeException concurrentlyModified) {
            return false;
        }
        return false;
    }

    static boolean anyInRange(Object resolved, KqlQuery.Range range, Instant now) {
        return anyInRange(resolved, range, now, 0);
    }

    private static boolean anyInRange(Object value, KqlQuery.Range range, Instant now, int depth) {
        List<?> elements = elements(value);
        if (elements == null) {
            if (value == Path.MISSING) {
                return false;
            }
            Integer sign = range.value().compareScalar(value, now);
            return sign != null && range.operator().test(sign);
        }
        if (depth >= Path.MAX_LIST_DEPTH) {
            return false;
        }
        try {
            for (Object element : elements) {
                if (anyInRange(element, range, now, depth + 1)) {
                    return true;
                }
            }
        } catch (RuntimeException concurrentlyModified) {
            return false;
        }
        return false;
    }

    /** Present and not null; for collected values, at least one that is not null. */
    static boolean exists(Object resolved) {
        if (resolved instanceof Path.Multi multi) {
            for (Object v : multi.values()) {
                if (v != null) {
                    return true;
                }
            }
            return false;
        }
        return resolved != Path.MISSING && resolved != null;
    }

    private static List<?> elements(Object value) {
        return switch (value) {
            case List<?> list -> list;
            case Path.Multi multi -> multi.values();
            case null, default -> null;
        };
    }
}
