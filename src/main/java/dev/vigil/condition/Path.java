package dev.vigil.condition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A field path of a condition ({@code a.b}, {@code a[0].b}, {@code a.0.b}, {@code a['x.y']}, {@code steps.my-step.x}),
 * split once at parse time into keys so evaluation only walks maps and lists.
 *
 * <p>Resolution follows the JavaScript evaluator: maps by key, lists by numeric index, {@code length} of lists and
 * strings; a key applied to a list of objects collects the values of every element (Elasticsearch multi-value
 * semantics), which the terms then match when any of them matches.
 */
public final class Path {

    /** Result of a path that leads nowhere; distinct from a present {@code null}. */
    static final Object MISSING = new Object();

    /** Lists nested in lists are flattened up to this depth; deeper (or cyclic) data is ignored, never a stack overflow. */
    static final int MAX_LIST_DEPTH = 32;

    private static final Pattern PLAIN_SEGMENT = Pattern.compile("[A-Za-z0-9_@$#-]+");

    private final String[] keys;
    /** The key as a list index when it is a non-negative integer, else -1. */
    private final int[] indexes;

    private Path(List<String> keys) {
        this.keys = keys.toArray(String[]::new);
        this.indexes = new int[this.keys.length];
        for (int i = 0; i < this.keys.length; i++) {
            indexes[i] = index(this.keys[i]);
        }
    }

    /** A path of the given keys, each a map key or list index (no parsing of dots or brackets). */
    public static Path of(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a path needs at least one key");
        }
        return new Path(keys);
    }

    /** The keys of the path in order. */
    public List<String> keys() {
        return List.of(keys);
    }

    /**
     * Parses path text. {@code column} is the 1-based column of the text's first character in the condition, so
     * errors point into the condition.
     */
    static Path parse(String text, int column) throws KqlSyntaxException {
        List<String> keys = new ArrayList<>();
        int i = 0;
        int n = text.length();
        boolean expectKey = true;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '[') {
                int close = bracketEnd(text, i, column);
                keys.add(bracketKey(text, i + 1, close, column));
                i = close + 1;
                expectKey = false;
                if (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    throw new KqlSyntaxException("expected '.' or '[' after ']' in field '" + text + "' at column "
                            + (column + i), column + i);
                }
            } else if (c == '.') {
                if (expectKey) {
                    throw new KqlSyntaxException("empty name in field '" + text + "' at column " + (column + i)
                            + "; expected a name before '.'", column + i);
                }
                expectKey = true;
                i++;
                if (i == n) {
                    throw new KqlSyntaxException("field '" + text + "' ends with '.' at column " + (column + i - 1)
                            + "; expected a name after it", column + i - 1);
                }
            } else {
                int start = i;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                keys.add(text.substring(start, i));
                expectKey = false;
            }
        }
        return new Path(keys);
    }

    /** Index of the ']' closing the '[' at {@code open}; quotes inside may hold ']' and '.'. */
    static int bracketEnd(String text, int open, int column) throws KqlSyntaxException {
        int i = open + 1;
        char quote = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ']') {
                return i;
            }
            i++;
        }
        throw new KqlSyntaxException("unclosed '[' at column " + (column + open) + "; expected ']'", column + open);
    }

    private static String bracketKey(String text, int from, int to, int column) throws KqlSyntaxException {
        String inner = text.substring(from, to).strip();
        if (inner.isEmpty()) {
            throw new KqlSyntaxException("empty '[]' in field '" + text + "' at column " + (column + from - 1)
                    + "; expected an index or a quoted name", column + from - 1);
        }
        char q = inner.charAt(0);
        if ((q == '\'' || q == '"') && inner.length() >= 2 && inner.charAt(inner.length() - 1) == q) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < inner.length() - 1; i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length() - 1) {
                    c = inner.charAt(++i);
                }
                sb.append(c);
            }
            return sb.toString();
        }
        return inner;
    }

    private static int index(String key) {
        if (key.isEmpty() || key.length() > 9) {
            return -1;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9' || (c == '0' && i == 0 && key.length() > 1)) {
                return -1;
            }
        }
        return Integer.parseInt(key);
    }

    /**
     * The value at this path: a value of the model, {@link #MISSING}, or a {@link Multi} of values collected across
     * a list. Never throws: odd maps (e.g. a TreeMap refusing a String key) count as missing.
     */
    Object resolve(Object root) {
        try {
            Object current = root;
            for (int i = 0; i < keys.length && current != MISSING; i++) {
                current = step(current, i, 0);
            }
            return current;
        } catch (RuntimeException oddCollection) {
            return MISSING;
        }
    }

    private Object step(Object current, int i, int depth) {
        return switch (current) {
            case Map<?, ?> map -> {
                Object value = map.get(keys[i]);
                yield value != null || map.containsKey(keys[i]) ? value : MISSING;
            }
            case List<?> list -> {
                if (indexes[i] >= 0) {
                    yield indexes[i] < list.size() ? list.get(indexes[i]) : MISSING;
                }
                if (keys[i].equals("length")) {
                    yield (long) list.size();
                }
                yield collect(list, i, depth);
            }
            case Multi multi -> collect(multi.values(), i, depth);
            case String s -> keys[i].equals("length") ? (Object) (long) s.length() : MISSING;
            case null, default -> MISSING;
        };
    }

    /** Applies key {@code i} to every element, keeping what resolves; nested lists and multi-values are flattened. */
    private Object collect(List<?> elements, int i, int depth) {
        if (depth >= MAX_LIST_DEPTH) {
            return MISSING;
        }
        List<Object> found = new ArrayList<>();
        for (Object element : elements) {
            Object value = element instanceof List<?> nested && indexes[i] < 0 ? collect(nested, i, depth + 1)
                    : step(element, i, depth + 1);
            if (value instanceof Multi multi) {
                found.addAll(multi.values());
            } else if (value != MISSING) {
                found.add(value);
            }
        }
        return found.isEmpty() ? MISSING : new Multi(found);
    }

    /** Values collected from the elements of a list; unlike a list value, an empty one means nothing was found. */
    record Multi(List<Object> values) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Path p && Arrays.equals(keys, p.keys);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keys);
    }

    /** The path in condition syntax: dotted where keys allow it, {@code ['…']} otherwise. Parses back to this path. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            String key = keys[i];
            if (PLAIN_SEGMENT.matcher(key).matches() && !(i == 0 && KqlScanner.isKeyword(key))) {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append(key);
            } else {
                sb.append("['").append(key.replace("\\", "\\\\").replace("'", "\\'")).append("']");
            }
        }
        return sb.toString();
    }
}
