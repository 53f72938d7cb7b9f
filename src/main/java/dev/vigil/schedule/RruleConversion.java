package dev.vigil.schedule;

import dev.vigil.model.Trigger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.stream.IntStream;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.Weekday;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;

/**
 * The format's {@code rrule} mapping (WORKFLOW_FORMAT.md §1.1) as a lib-recur rule and its start.
 *
 * <ul>
 *   <li><b>Zone</b>: {@code tzid}, else the workflow's {@code settings.timezone}, else UTC (§1.1, §1.3).</li>
 *   <li><b>Start</b>: {@code dtstart} as a local time in that zone. With an offset ({@code 2025-01-01T09:00:00Z})
 *       it is that instant seen in the zone, as Kibana does; without one it is already local; a bare date is its
 *       midnight. Without {@code dtstart} the start is 1970-01-01T00:00 in the zone. Kibana starts from the task's
 *       last run instead, which drifts; a fixed start gives every node the same slots, and it decides what the
 *       rule leaves open: the minute and second of {@code byhour: [9]} (09:00:00), the weekday of a WEEKLY rule
 *       without {@code byweekday} (Thursday), and which days, weeks or months an {@code interval} counts from.</li>
 *   <li><b>{@code byminute} without {@code byhour}</b> fires every hour at those minutes, as Kibana's expansion does;
 *       RFC 5545 would take the hour from the start (00 here), which nobody writing {@code byminute: [15]} means.</li>
 *   <li><b>{@code bymonthday} on a WEEKLY rule</b> is ignored, as Kibana's weekly expansion ignores it; RFC 5545
 *       forbids the combination and lib-recur's lenient mode gives it an odd meaning (monthly).</li>
 *   <li>Everything else is RFC 5545 as lib-recur reads it in strict mode: a {@code bymonthday} a month lacks (31 in
 *       April) is skipped, negative days count from the month's end, {@code byweekday} filters DAILY and expands
 *       WEEKLY and MONTHLY rules.</li>
 * </ul>
 */
record RruleConversion(RecurrenceRule rule, DateTime start) {

    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);
    private static final List<Integer> EVERY_HOUR = IntStream.range(0, 24).boxed().toList();

    /**
     * @throws IllegalArgumentException when lib-recur refuses the rule, a field cannot be read, or freq is SECONDLY
     *                                  (the parser allows DAILY, WEEKLY and MONTHLY; the model does not restrict it)
     */
    static RruleConversion of(Trigger.Rrule rrule, ZoneId zoneIfAbsent) {
        ZoneId zone = rrule.tzid() == null ? zoneIfAbsent : zone(rrule.tzid());
        Freq freq = Freq.valueOf(rrule.freq().toUpperCase(Locale.ROOT));
        if (freq == Freq.SECONDLY) {
            // lib-recur fast-forwards a rule one period at a time from its start: seconds since 1970 take seconds.
            throw new IllegalArgumentException("freq SECONDLY is not supported; use every: <n>s");
        }
        RecurrenceRule rule = new RecurrenceRule(freq, RecurrenceRule.RfcMode.RFC5545_STRICT);
        rule.setInterval(rrule.interval());
        List<Integer> hours = orEmpty(rrule.byhour());
        List<Integer> minutes = orEmpty(rrule.byminute());
        try {
            if (!hours.isEmpty() || !minutes.isEmpty()) {
                rule.setByPart(RecurrenceRule.Part.BYHOUR, hours.isEmpty() ? EVERY_HOUR : hours);
            }
            if (!minutes.isEmpty()) {
                rule.setByPart(RecurrenceRule.Part.BYMINUTE, minutes);
            }
            if (!orEmpty(rrule.bymonthday()).isEmpty() && freq != Freq.WEEKLY) {
                rule.setByPart(RecurrenceRule.Part.BYMONTHDAY, rrule.bymonthday());
            }
            if (!orEmpty(rrule.byweekday()).isEmpty()) {
                rule.setByDayPart(rrule.byweekday().stream()
                        .map(day -> new RecurrenceRule.WeekdayNum(0, Weekday.valueOf(day.toUpperCase(Locale.ROOT))))
                        .toList());
            }
        } catch (InvalidRecurrenceRuleException e) {
            throw new IllegalArgumentException("lib-recur refuses the rrule: " + e.getMessage(), e);
        }
        LocalDateTime local = startIn(rrule.dtstart(), zone);
        DateTime start = new DateTime(TimeZone.getTimeZone(zone), local.getYear(), local.getMonthValue() - 1,
                local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond());
        return new RruleConversion(rule, start);
    }

    /** {@code dtstart} as a local time in {@code zone}, from the three forms TriggerParser.isIsoDate accepts. */
    static LocalDateTime startIn(String dtstart, ZoneId zone) {
        if (dtstart == null) {
            return EPOCH;
        }
        try {
            return OffsetDateTime.parse(dtstart).atZoneSameInstant(zone).toLocalDateTime();
        } catch (DateTimeException notOffset) {
            try {
                return LocalDateTime.parse(dtstart);
            } catch (DateTimeException notLocal) {
                try {
                    return LocalDate.parse(dtstart).atStartOfDay();
                } catch (DateTimeException notDate) {
                    throw new IllegalArgumentException("dtstart '" + dtstart + "' is not an ISO-8601 date or date-time",
                            notDate);
                }
            }
        }
    }

    private static ZoneId zone(String tzid) {
        try {
            return ZoneId.of(tzid);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + tzid + "'", e);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
