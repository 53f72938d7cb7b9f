package dev.vigil.steps.cases;

import dev.vigil.cases.Case;
import dev.vigil.cases.CaseJson;
import java.util.List;
import java.util.Map;

/** Reads the {@code with} of a {@code cases.*} step; a wrong shape is an IllegalArgumentException naming the key. */
final class CaseArgs {

    private final Map<String, Object> with;

    CaseArgs(Map<String, Object> with) {
        this.with = with;
    }

    boolean has(String key) {
        return with.containsKey(key);
    }

    String text(String key) {
        Object value = with.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("with." + key + " must be text, not " + value);
        }
        return text;
    }

    String required(String key) {
        String value = text(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("with." + key + " is required");
        }
        return value;
    }

    /** Kibana hands versions around as strings; a number or a numeric string both do. */
    Integer version() {
        Object value = with.get("version");
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        try {
            return value instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.parseInt((String) value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("with.version must be a whole number, not " + value);
        }
    }

    int integer(String key, int fallback) {
        Object value = with.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return Math.toIntExact(n.longValue());
        }
        throw new IllegalArgumentException("with." + key + " must be a whole number, not " + value);
    }

    List<String> strings(String key) {
        return list(key).stream().map(v -> {
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException("with." + key + " must hold text, not " + v);
            }
            return s;
        }).toList();
    }

    /** {@code assignees: [{uid}]}. */
    List<String> uids(String key) {
        return maps(key).stream().map(m -> {
            if (!(m.get("uid") instanceof String uid)) {
                throw new IllegalArgumentException("with." + key + "[] must be {uid: <text>}, not " + m);
            }
            return uid;
        }).toList();
    }

    List<Case.Alert> alerts() {
        return maps("alerts").stream().map(CaseJson::alert).toList();
    }

    List<Case.Observable> observables() {
        return maps("observables").stream().map(CaseJson::observable).toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) {
        Object value = with.get(key);
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("with." + key + " must be an object, not " + value);
        }
        return (Map<String, Object>) map;
    }

    private List<Map<?, ?>> maps(String key) {
        return list(key).stream().<Map<?, ?>>map(v -> {
            if (!(v instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("with." + key + " must hold objects, not " + v);
            }
            return (Map<?, ?>) m;
        }).toList();
    }

    private List<?> list(String key) {
        Object value = with.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("with." + key + " must be an array, not " + value);
        }
        return list;
    }
}
