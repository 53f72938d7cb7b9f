package dev.vigil.condition;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * The value of a term, unescaped, with everything evaluation needs computed once at parse time: its
 * {@code parseFloat} number, its boolean reading, its date math, and for wildcard values the text between the
 * {@code *}s. A class rather than a record because those derived fields must not be constructor parameters.
 *
 * <p>Conversion follows the type of the context value (§5): strings compare with the text (date math resolved
 * first), numbers with {@code parseFloat(text)}, booleans with {@code text == "true"} (case-insensitive).
 */
public final class Literal {

    private final String text;
    /** Text around the wildcards ({@code a*b → [a, b]}), or null when the value has no wildcard. */
    private final String[] parts;
    private final double number;
    private final boolean bool;
    private final DateMath dateMath;

    private Literal(String text, String[] parts) {
        this.text = text;
        this.parts = parts;
        this.number = JsText.parseFloat(text);
        this.bool = text.equalsIgnoreCase("true");
        this.dateMath = parts == null ? DateMath.parse(text) : null;
    }

    /** A value compared exactly (quoted, or unquoted without wildcards). */
    public static Literal exact(String text) {
        return new Literal(text, null);
    }

    /** A wildcard value: the text between unescaped {@code *}s; at least two parts (one {@code *}). */
    public static Literal pattern(List<String> parts) {
        if (parts.size() < 2) {
            throw new IllegalArgumentException("a pattern has at least two parts around one '*'");
        }
        return new Literal(String.join("*", parts), parts.toArray(String[]::new));
    }

    /** The unescaped text (for a pattern, its parts joined by {@code *}). */
    public String text() {
        return text;
    }

    public boolean isPattern() {
        return parts != null;
    }

    /** The parts around the wildcards; empty for an exact value. */
    public List<String> parts() {
        return parts == null ? List.of() : List.of(parts);
    }

    /** A lone {@code *}: the exists test rather than a pattern. */
    boolean isBareWildcard() {
        return parts != null && parts.length == 2 && parts[0].isEmpty() && parts[1].isEmpty();
    }

    /** {@code field: value} against one scalar of the context; null, maps and lists of lists never match here. */
    boolean matchesScalar(Object value, Instant now) {
        return switch (value) {
            case String s -> parts != null ? glob(s) : s.equals(textFor(now));
            case Boolean b -> parts != null ? glob(b.toString()) : b == bool;
            case Number n -> parts != null ? glob(JsText.numberToString(n)) : n.doubleValue() == number;
            case Instant t -> matchesScalar(DateMath.iso(t), now);
            case OffsetDateTime t -> matchesScalar(DateMath.iso(t.toInstant()), now);
            case ZonedDateTime t -> matchesScalar(DateMath.iso(t.toInstant()), now);
            case null, default -> false;
        };
    }

    /**
     * Compares one scalar of the context (left) with this literal converted to the scalar's type (right);
     * the sign of the result, or null when JavaScript's comparison would be false whatever the operator (NaN,
     * null, objects).
     */
    Integer compareScalar(Object value, Instant now) {
        return switch (value) {
            case String s -> Integer.signum(s.compareTo(textFor(now)));
            case Boolean b -> compare(b ? 1 : 0, bool ? 1 : 0);
            case Number n -> compare(n.doubleValue(), number);
            case Instant t -> compareScalar(DateMath.iso(t), now);
            case OffsetDateTime t -> compareScalar(DateMath.iso(t.toInstant()), now);
            case ZonedDateTime t -> compareScalar(DateMath.iso(t.toInstant()), now);
            case null, default -> null;
        };
    }

    private static Integer compare(double left, double right) {
        if (Double.isNaN(left) || Double.isNaN(right)) {
            return null;
        }
        return left < right ? -1 : left > right ? 1 : 0;
    }

    /** The text a string value is compared with: date math resolved at {@code now}, else the literal text. */
    private String textFor(Instant now) {
        if (dateMath == null) {
            return text;
        }
        String resolved = dateMath.resolveIso(now);
        return resolved != null ? resolved : text;
    }

    /** Glob match with {@code *} only: prefix, suffix, and the middle parts leftmost in order (no regex, no backtracking). */
    private boolean glob(String s) {
        String first = parts[0];
        String last = parts[parts.length - 1];
        if (!s.startsWith(first) || !s.endsWith(last)) {
            return false;
        }
        int from = first.length();
        int end = s.length() - last.length();
        if (end < from) {
            return false;
        }
        for (int i = 1; i < parts.length - 1; i++) {
            int at = s.indexOf(parts[i], from);
            if (at < 0 || at + parts[i].length() > end) {
                return false;
            }
            from = at + parts[i].length();
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Literal l && text.equals(l.text) && Arrays.equals(parts, l.parts);
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + Arrays.hashCode(parts);
    }

    /** The value in condition syntax: quoted when exact, escaped unquoted text around {@code *} for a pattern. */
    @Override
    public String toString() {
        if (parts == null) {
            return quote(text);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('*');
            }
            escapeUnquoted(parts[i], sb, i == 0);
        }
        return sb.toString();
    }

    static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"', '\\' -> sb.append('\\').append(c);
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Escapes a pattern part so the parser reads it back unchanged: specials, operator characters, '[' (a field-less
     * pattern is first read as a field), whitespace (so keywords and outer trimming cannot apply) and a leading
     * single quote (which would start a single-quoted value).
     */
    private static void escapeUnquoted(String part, StringBuilder sb, boolean first) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            switch (c) {
                case '\\', '(', ')', ':', '<', '>', '"', '*', '{', '}', '=', '!', '&', '|', '[' -> sb.append('\\').append(c);
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\'' -> sb.append(first && i == 0 ? "\\'" : "'");
                default -> {
                    if (Character.isWhitespace(c)) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
    }
}
