package dev.vigil.parse;

import dev.vigil.model.Trigger;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads a scheduled trigger's {@code with.rrule} (freq, interval, tzid, dtstart, byhour ... bymonthday). */
final class RruleParser {

    private final ParseContext ctx;
    private final String defaultTimezone;

    RruleParser(ParseContext ctx, String defaultTimezone) {
        this.ctx = ctx;
        this.defaultTimezone = defaultTimezone;
    }

    Trigger.Rrule parse(Fields with) {
        Fields f = Fields.of(with.node("rrule"), with.path("rrule"), "'rrule'",
                "a mapping with freq and interval", ctx.problems);
        if (f == null) {
            return null;
        }
        f.owner("'rrule'");
        int before = ctx.problems.size();
        if (f.node("freq") == null) {
            f.missing("freq");
        }
        String freq = f.oneOf("freq", List.of("DAILY", "WEEKLY", "MONTHLY"), null);
        if (f.node("interval") == null) {
            f.missing("interval");
        }
        Long interval = f.integer("interval", 1, Integer.MAX_VALUE);
        String tzid = f.string("tzid");
        if (tzid != null && !TriggerParser.isZone(tzid)) {
            f.problem("bad-timezone", "tzid", "unknown time zone '" + tzid
                    + "'; expected an IANA name such as UTC, Europe/Paris or America/New_York");
        }
        String dtstart = f.string("dtstart");
        if (dtstart != null && !TriggerParser.isIsoDate(dtstart)) {
            f.problem("bad-date", "dtstart", "invalid dtstart '" + dtstart
                    + "'; expected an ISO-8601 date-time such as 2025-01-01T09:00:00Z");
        }
        List<Integer> byhour = numbers(f, "byhour", 0, 23);
        List<Integer> byminute = numbers(f, "byminute", 0, 59);
        List<String> byweekday = weekdays(f);
        List<Integer> bymonthday = numbers(f, "bymonthday", -31, 31);
        if (bymonthday.contains(0)) {
            f.problem("out-of-range", "bymonthday", "'bymonthday' days must be 1..31 or -31..-1 (from the end of the"
                    + " month); got 0");
        }
        if (ctx.problems.size() != before || freq == null || interval == null) {
            return null;
        }
        return new Trigger.Rrule(freq, interval.intValue(), tzid == null ? defaultTimezone : tzid, dtstart, byhour,
                byminute, byweekday, bymonthday);
    }

    private List<Integer> numbers(Fields f, String key, int min, int max) {
        List<Integer> result = new ArrayList<>();
        for (Node item : items(f, key)) {
            Object value = item instanceof ScalarNode s ? Nodes.scalar(s) : null;
            if (!(value instanceof Long n)) {
                ctx.problems.add("wrong-type", f.path(key), item, "'" + key + "' values must be whole numbers; got "
                        + Nodes.describe(item));
            } else if (n < min || n > max) {
                ctx.problems.add("out-of-range", f.path(key), item, "'" + key + "' values must be between " + min
                        + " and " + max + "; got " + n);
            } else {
                result.add(n.intValue());
            }
        }
        return result;
    }

    private List<String> weekdays(Fields f) {
        List<String> result = new ArrayList<>();
        for (Node item : items(f, "byweekday")) {
            String day = Nodes.string(item);
            if (day == null || !TriggerParser.WEEKDAYS.contains(day)) {
                ctx.problems.add("bad-enum", f.path("byweekday"), item, "invalid byweekday "
                        + (day == null ? Nodes.describe(item) : "'" + day + "'") + "; expected one of "
                        + String.join(", ", TriggerParser.WEEKDAYS));
            } else {
                result.add(day);
            }
        }
        return result;
    }

    /** The list's items; a single scalar counts as a one-item list. */
    private static List<Node> items(Fields f, String key) {
        Node node = f.node(key);
        if (node == null) {
            return List.of();
        }
        return node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
    }
}
