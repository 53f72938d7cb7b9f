package dev.vigil.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Duration text of the workflow format (WORKFLOW_FORMAT.md §4.6): one or more {@code <digits><unit>} parts with
 * units w, d, h, m, s, ms in descending order ({@code 30s}, {@code 1h30m}, {@code 250ms}), at most 64 characters.
 * We accept the runtime parser's compound form everywhere (the lenient choice, docs/format.md).
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|w|d|h|m|s)");
    private static final String ORDER = "w d h m s ms";

    private Durations() {
    }

    /** Parses duration text; throws {@link IllegalArgumentException} saying what is wrong and what is expected. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration; expected e.g. 30s, 5m, 1h30m, 250ms");
        }
        String t = text.trim();
        if (t.length() > 64) {
            throw new IllegalArgumentException("duration '" + abbreviate(t) + "' is longer than 64 characters");
        }
        Matcher m = PART.matcher(t);
        int pos = 0;
        int lastRank = -1;
        long millis = 0;
        while (pos < t.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("invalid duration '" + t
                        + "'; expected a whole number and a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m");
            }
            String unit = m.group(2);
            int rank = rank(unit);
            if (rank <= lastRank) {
                throw new IllegalArgumentException("invalid duration '" + t + "': units must be in descending order"
                        + " and appear once (w, d, h, m, s, ms)");
            }
            lastRank = rank;
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
                millis = Math.addExact(millis, Math.multiplyExact(amount, unitMillis(unit)));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("duration '" + t + "' is too large");
            }
            pos = m.end();
        }
        return Duration.ofMillis(millis);
    }

    /** True when the text parses. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Formats a duration in the format's own notation, largest units first ({@code 1h30m}, {@code 250ms}, {@code 0s}),
     * at millisecond resolution. Negative durations have no notation and are rejected (they used to format as an
     * empty string, which {@link #parse} refuses).
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d + " has no duration notation");
        }
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        for (String unit : ORDER.split(" ")) {
            long size = unitMillis(unit);
            if (ms >= size) {
                sb.append(ms / size).append(unit);
                ms %= size;
            }
        }
        return sb.toString();
    }

    private static int rank(String unit) {
        return switch (unit) {
            case "w" -> 0;
            case "d" -> 1;
            case "h" -> 2;
            case "m" -> 3;
            case "s" -> 4;
            default -> 5;
        };
    }

    private static long unitMillis(String unit) {
        return switch (unit) {
            case "w" -> 604_800_000L;
            case "d" -> 86_400_000L;
            case "h" -> 3_600_000L;
            case "m" -> 60_000L;
            case "s" -> 1_000L;
            default -> 1L;
        };
    }

    private static String abbreviate(String t) {
        return t.length() > 20 ? t.substring(0, 20) + "…" : t;
    }
}
