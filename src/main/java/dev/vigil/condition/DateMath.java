package dev.vigil.condition;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Elasticsearch-style date math in condition literals: {@code now}, {@code now-1h}, {@code now+15m},
 * {@code now-7d/d}, {@code 2024-01-01||+1d}; units y M w d h (H) m s ms. Parsed once; resolved per evaluation
 * against the injected {@code now}, in UTC, to the ISO text JavaScript's {@code toISOString()} produces
 * ({@code 2024-01-01T00:00:00.000Z}), so ISO timestamps in the context compare correctly as strings.
 */
final class DateMath {

    /** JavaScript dates span ±8.64e15 ms around the epoch; beyond that {@code toISOString()} has no answer. */
    private static final long JS_MAX_MILLIS = 8_640_000_000_000_000L;

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private record Op(char kind, long amount, ChronoUnit unit) {
    }

    /** Fixed anchor ({@code date||}), or null for {@code now}. */
    private final Instant anchor;
    private final List<Op> ops;

    private DateMath(Instant anchor, List<Op> ops) {
        this.anchor = anchor;
        this.ops = ops;
    }

    /** True when the semantics treat the literal as date math: it starts with {@code now} or contains {@code ||}. */
    static boolean looksLikeDateMath(String text) {
        return text.startsWith("now") || text.contains("||");
    }

    /** The parsed expression, or null when the text is not valid date math (it is then compared as plain text). */
    static DateMath parse(String text) {
        if (!looksLikeDateMath(text)) {
            return null;
        }
        Instant anchor = null;
        int i;
        if (text.startsWith("now")) {
            i = 3;
        } else {
            int bars = text.indexOf("||");
            anchor = parseDate(text.substring(0, bars));
            if (anchor == null) {
                return null;
            }
            i = bars + 2;
        }
        List<Op> ops = new ArrayList<>();
        while (i < text.length()) {
            char kind = text.charAt(i++);
            if (kind != '+' && kind != '-' && kind != '/') {
                return null;
            }
            long amount = 1;
            if (kind != '/') {
                int start = i;
                while (i < text.length() && Character.isDigit(text.charAt(i)) && i - start < 10) {
                    i++;
                }
                if (i > start) {
                    amount = Long.parseLong(text.substring(start, i));
                }
            }
            int unitLength = text.startsWith("ms", i) ? 2 : 1;
            ChronoUnit unit = i < text.length() ? unit(text.substring(i, i + unitLength)) : null;
            if (unit == null) {
                return null;
            }
            i += unitLength;
            ops.add(new Op(kind, amount, unit));
        }
        return new DateMath(anchor, List.copyOf(ops));
    }

    private static ChronoUnit unit(String u) {
        return switch (u) {
            case "y" -> ChronoUnit.YEARS;
            case "M" -> ChronoUnit.MONTHS;
            case "w" -> ChronoUnit.WEEKS;
            case "d" -> ChronoUnit.DAYS;
            case "h", "H" -> ChronoUnit.HOURS;
            case "m" -> ChronoUnit.MINUTES;
            case "s" -> ChronoUnit.SECONDS;
            case "ms" -> ChronoUnit.MILLIS;
            default -> null;
        };
    }

    /** ISO-8601 date or date-time; without an offset it is UTC. Null when the text is not a date. */
    private static Instant parseDate(String text) {
        try {
            return switch (DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from, LocalDateTime::from)) {
                case ZonedDateTime z -> z.toInstant();
                case LocalDateTime l -> l.toInstant(ZoneOffset.UTC);
                default -> null;
            };
        } catch (DateTimeException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeException notDate) {
                return null;
            }
        }
    }

    /** The instant this expression denotes at {@code now}, or null when it leaves JavaScript's date range. */
    Instant resolve(Instant now) {
        Instant base = anchor != null ? anchor : java.util.Objects.requireNonNull(now, "now is needed for date math");
        if (ops.isEmpty()) {
            return base;
        }
        try {
            ZonedDateTime t = base.atZone(ZoneOffset.UTC);
            for (Op op : ops) {
                t = switch (op.kind()) {
                    case '+' -> t.plus(op.amount(), op.unit());
                    case '-' -> t.minus(op.amount(), op.unit());
                    default -> roundDown(t, op.unit());
                };
            }
            Instant result = t.toInstant();
            return Math.abs(result.getEpochSecond()) <= JS_MAX_MILLIS / 1000 ? result : null;
        } catch (DateTimeException | ArithmeticException outOfRange) {
            return null;
        }
    }

    /** {@link #resolve} as {@code toISOString()} text, or null. */
    String resolveIso(Instant now) {
        Instant t = resolve(now);
        return t == null ? null : iso(t);
    }

    /** JavaScript {@code toISOString()} form: always milliseconds and {@code Z}. */
    static String iso(Instant t) {
        return ISO_MILLIS.format(t);
    }

    private static ZonedDateTime roundDown(ZonedDateTime t, ChronoUnit unit) {
        return switch (unit) {
            case YEARS -> t.withDayOfYear(1).truncatedTo(ChronoUnit.DAYS);
            case MONTHS -> t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
            // Weeks start on Monday, as in Elasticsearch date math (moment's locale week would start on Sunday).
            case WEEKS -> t.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).truncatedTo(ChronoUnit.DAYS);
            default -> t.truncatedTo(unit);
        };
    }
}
