package dev.vigil.template;

import static dev.vigil.template.Filters.arg;
import static dev.vigil.template.Filters.str;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * date (strftime), date_to_xmlschema, date_to_rfc822, date_to_string, date_to_long_string. Inputs: "now" and
 * "today", epoch seconds (numbers and digit strings), ISO-8601 and RFC 1123 text. Dates without an offset and
 * the output are in UTC unless a time zone argument (IANA name, "+08:00", or JS offset minutes) is given.
 */
final class DateFilters {

    static final String DEFAULT_FORMAT = "%A, %B %-e, %Y at %-l:%M %P %Z";
    private static final Pattern FORMAT = Pattern.compile("%([-_0^#:]+)?(\\d+)?([EO])?(.)");

    /** IANA names are case-insensitive in JavaScript's Intl ("europe/rome" works). */
    private static final java.util.Map<String, String> ZONES_BY_LOWER_CASE = new java.util.HashMap<>();

    static {
        ZoneId.getAvailableZoneIds().forEach(id -> ZONES_BY_LOWER_CASE.put(id.toLowerCase(Locale.ROOT), id));
    }

    private DateFilters() {
    }

    static void register(Filters f) {
        f.add("date", (v, a, st) -> {
            ZonedDateTime date = parse(v, arg(a, 1));
            if (date == null) {
                return v;
            }
            Object format = JsValues.toValue(arg(a, 0));
            return strftime(date, JsValues.isNil(format) ? DEFAULT_FORMAT : str(format));
        });
        f.add("date_to_xmlschema", (v, a, st) -> format(v, "%Y-%m-%dT%H:%M:%S%:z"));
        f.add("date_to_rfc822", (v, a, st) -> format(v, "%a, %d %b %Y %H:%M:%S %z"));
        f.add("date_to_string", (v, a, st) -> dateToString(v, a, "%b"));
        f.add("date_to_long_string", (v, a, st) -> dateToString(v, a, "%B"));
    }

    private static Object format(Object v, String format) {
        ZonedDateTime date = parse(v, Undefined.INSTANCE);
        return date == null ? v : strftime(date, format);
    }

    private static Object dateToString(Object v, Object[] a, String month) {
        ZonedDateTime date = parse(v, Undefined.INSTANCE);
        if (date == null) {
            return v;
        }
        if ("ordinal".equals(JsValues.toValue(arg(a, 0)))) {
            int d = date.getDayOfMonth();
            return "US".equals(JsValues.toValue(arg(a, 1)))
                    ? strftime(date, month + " " + d + "%q, %Y") : strftime(date, d + "%q " + month + " %Y");
        }
        return strftime(date, "%d " + month + " %Y");
    }

    /** The date a filter input denotes, in the requested zone; null when it is not a date. */
    static ZonedDateTime parse(Object value, Object zoneArg) {
        Object v = JsValues.toValue(value);
        ZoneId zone = zone(zoneArg);
        Instant instant;
        if (JsValues.isNil(v)) {
            return null;
        } else if ("now".equals(v) || "today".equals(v)) {
            instant = Instant.now();
        } else if (v instanceof Number n) {
            double ms = n.doubleValue() * 1000;
            if (!Double.isFinite(ms)) {
                return null;
            }
            instant = Instant.ofEpochMilli((long) ms);
        } else if (v instanceof String s) {
            instant = s.matches("\\d+") ? epochSeconds(s) : parseText(s.strip());
        } else {
            return null;
        }
        return instant == null ? null : instant.atZone(zone);
    }

    private static Instant epochSeconds(String digits) {
        try {
            return Instant.ofEpochMilli(Math.multiplyExact(Long.parseLong(digits), 1000L));
        } catch (ArithmeticException | NumberFormatException | DateTimeException tooBig) {
            return null;
        }
    }

    private static Instant parseText(String s) {
        try {
            return OffsetDateTime.parse(s.replace(' ', 'T').replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
                    .toInstant();
        } catch (DateTimeParseException notOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
            // try the next form
        }
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException notRfc) {
            return null;
        }
    }

    private static ZoneId zone(Object arg) {
        Object z = JsValues.toValue(arg);
        try {
            if (z instanceof Number n) {
                return ZoneOffset.ofTotalSeconds((int) Math.round(-n.doubleValue() * 60));
            }
            if (z instanceof String s && !s.isBlank()) {
                String id = ZONES_BY_LOWER_CASE.get(s.strip().toLowerCase(Locale.ROOT));
                return ZoneId.of(id != null ? id : s.strip());
            }
        } catch (DateTimeException unknownZone) {
            throw new LiquidError("date: unknown time zone " + JsJson.quote(str(z)), -1);
        }
        return ZoneOffset.UTC;
    }


    /** LiquidJS strftime: %[flags][width]conversion with flags - _ 0 ^ # :. */
    static String strftime(ZonedDateTime d, String format) {
        StringBuilder out = new StringBuilder();
        Matcher m = FORMAT.matcher(format);
        int last = 0;
        while (m.find()) {
            out.append(format, last, m.start());
            last = m.end();
            String flags = m.group(1) == null ? "" : m.group(1);
            String width = m.group(2);
            char conversion = m.group(4).charAt(0);
            String value = convert(d, conversion, flags, width);
            if (value == null) {
                out.append(m.group());
                continue;
            }
            char padChar = "aAbBceklpP".indexOf(conversion) >= 0 ? ' ' : '0';
            int padWidth = width != null ? Integer.parseInt(width) : defaultWidth(conversion);
            if (flags.contains("^")) {
                value = value.toUpperCase(Locale.ROOT);
            } else if (flags.contains("#")) {
                value = value.chars().anyMatch(c -> c >= 'a' && c <= 'z')
                        ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
            }
            if (flags.contains("_")) {
                padChar = ' ';
            } else if (flags.contains("0")) {
                padChar = '0';
            }
            if (flags.contains("-")) {
                padWidth = 0;
            }
            out.append(String.valueOf(padChar).repeat(Math.max(0, padWidth - value.length()))).append(value);
        }
        return out.append(format.substring(last)).toString();
    }

    private static int defaultWidth(char c) {
        return switch (c) {
            case 'd', 'e', 'H', 'I', 'k', 'l', 'm', 'M', 'S', 'U', 'W' -> 2;
            case 'j', 'L' -> 3;
            default -> 0;
        };
    }

    private static String convert(ZonedDateTime d, char c, String flags, String width) {
        int hour12 = d.getHour() % 12 == 0 ? 12 : d.getHour() % 12;
        return switch (c) {
            case 'a' -> d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
            case 'A' -> d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
            case 'b', 'h' -> d.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
            case 'B' -> d.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
            case 'c' -> d.format(DateTimeFormatter.ofPattern("M/d/yyyy, h:mm:ss a", Locale.US));
            case 'C' -> String.valueOf(d.getYear() / 100);
            case 'd', 'e' -> String.valueOf(d.getDayOfMonth());
            case 'H', 'k' -> String.valueOf(d.getHour());
            case 'I', 'l' -> String.valueOf(hour12);
            case 'j' -> String.valueOf(d.getDayOfYear());
            case 'L' -> String.valueOf(d.getNano() / 1_000_000);
            case 'm' -> String.valueOf(d.getMonthValue());
            case 'M' -> String.valueOf(d.getMinute());
            case 'N' -> {
                int w = width == null ? 9 : Math.max(1, Integer.parseInt(width));
                String ms = String.valueOf(d.getNano() / 1_000_000);
                ms = ms.length() > w ? ms.substring(0, w) : ms;
                yield ms + "0".repeat(w - ms.length());
            }
            case 'p' -> d.getHour() < 12 ? "AM" : "PM";
            case 'P' -> d.getHour() < 12 ? "am" : "pm";
            case 'q' -> suffix(d.getDayOfMonth());
            case 's' -> String.valueOf(Math.round(d.toInstant().toEpochMilli() / 1000.0));
            case 'S' -> String.valueOf(d.getSecond());
            case 'u' -> String.valueOf(d.getDayOfWeek().getValue());
            case 'w' -> String.valueOf(d.getDayOfWeek().getValue() % 7);
            case 'U' -> week(d, 0);
            case 'W' -> week(d, 1);
            case 'x' -> d.format(DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US));
            case 'X' -> d.format(DateTimeFormatter.ofPattern("h:mm:ss a", Locale.US));
            case 'y' -> String.format("%02d", Math.floorMod(d.getYear(), 100));
            case 'Y' -> String.valueOf(d.getYear());
            case 'z' -> {
                int total = d.getOffset().getTotalSeconds() / 60;
                int abs = Math.abs(total);
                yield (total < 0 ? "-" : "+") + String.format("%02d", abs / 60) + (flags.contains(":") ? ":" : "")
                        + String.format("%02d", abs % 60);
            }
            case 'Z' -> d.getZone().equals(ZoneOffset.UTC) ? "UTC"
                    : d.format(DateTimeFormatter.ofPattern("zzz", Locale.US));
            case 't' -> "\t";
            case 'n' -> "\n";
            case '%' -> "%";
            default -> null;
        };
    }

    private static String suffix(int day) {
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    private static String week(ZonedDateTime d, int startDay) {
        int dayOfWeek = d.getDayOfWeek().getValue() % 7;
        int now = d.getDayOfYear() + (startDay - dayOfWeek);
        int jan1 = d.withDayOfYear(1).getDayOfWeek().getValue() % 7;
        int then = 7 - jan1 + startDay;
        return String.valueOf(Math.floorDiv(now - then, 7) + 1);
    }
}
