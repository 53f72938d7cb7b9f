package dev.vigil.schedule;

import java.time.Duration;
import dev.vigil.model.Trigger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * {@code rrule} slots, expanded by lib-recur from the rule's start (see {@link RruleConversion} for how the format's
 * fields become an RFC 5545 rule and what the start is).
 *
 * <p>lib-recur only iterates forwards, so the latest slot at or before an instant is found by fast-forwarding to
 * a window before it (one day, doubled until it holds a slot or reaches the start) and scanning that window.
 * Fast-forwarding a daily rule over 56 years costs about a millisecond, and the scan sees at most the slots of the
 * window, so a lookup a year after the last slot of a rule that fires every minute does about a day's worth of
 * steps, not a year's. {@link #MAX_STEPS} bounds the scan for any rule lib-recur accepts.
 *
 * <p>Time zones, as lib-recur computes them (checked in RruleRecurrenceTest): a local time that does not exist
 * (spring forward) fires at the offset before the gap, i.e. later by the gap — 02:30 in Europe/Berlin on the last
 * Sunday of March fires at 03:30 CEST (RFC 5545 §3.3.5 says the same). A local time that occurs twice (fall back)
 * fires once, at its second occurrence — 02:30 on the last Sunday of October fires at 02:30 CET; RFC 5545 asks for
 * the first. We keep lib-recur's answer rather than rewrite its instances. Two local times that land on one
 * instant (02:00 in the gap and 03:00) are one slot, since a slot is an instant.
 */
final class RruleRecurrence implements Recurrence {

    /** Instances one lookup may look at; a lookup that needs more means a rule we did not foresee. */
    static final int MAX_STEPS = 1_000_000;
    private static final long FIRST_WINDOW = Duration.ofDays(1).toMillis();

    private final RecurrenceRule rule;
    private final DateTime start;

    RruleRecurrence(RecurrenceRule rule, DateTime start) {
        this.rule = rule;
        this.start = start;
    }

    static RruleRecurrence of(Trigger.Rrule rrule, ZoneId zoneIfAbsent) {
        RruleConversion conversion = RruleConversion.of(rrule, zoneIfAbsent);
        return new RruleRecurrence(conversion.rule(), conversion.start());
    }

    @Override
    public Optional<Instant> latestAtOrBefore(Instant instant) {
        long target = instant.toEpochMilli();
        long first = start.getTimestamp();
        if (target < first) {
            return Optional.empty();
        }
        Steps steps = new Steps();
        long window = FIRST_WINDOW;
        while (true) {
            long from = target - first <= window ? first : target - window;
            Optional<Long> latest = latestIn(from, target, steps);
            if (latest.isPresent()) {
                return latest.map(Instant::ofEpochMilli);
            }
            if (from == first) {
                return Optional.empty();
            }
            window = window > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : window * 2;
        }
    }

    @Override
    public Optional<Instant> nextAfter(Instant instant) {
        long target = instant.toEpochMilli();
        Steps steps = new Steps();
        try {
            RecurrenceRuleIterator it = rule.iterator(start);
            it.fastForward(Math.max(target + 1, start.getTimestamp()));
            while (it.hasNext()) {
                steps.take();
                long slot = it.nextMillis();
                if (slot > target) {
                    return Optional.of(Instant.ofEpochMilli(slot));
                }
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // lib-recur's sanity limit: thousands of candidates in a row matched nothing
        }
    }

    /**
     * The greatest slot in [from, target]. The greatest, not the last seen: in a spring-forward gap lib-recur can
     * step back (02:30 → 03:30 CEST, then 03:00 CEST), so instances are not strictly ascending there.
     */
    private Optional<Long> latestIn(long from, long target, Steps steps) {
        long best = Long.MIN_VALUE;
        try {
            RecurrenceRuleIterator it = rule.iterator(start);
            it.fastForward(from);
            while (it.hasNext() && it.peekMillis() <= target) {
                steps.take();
                best = Math.max(best, it.nextMillis());
            }
        } catch (IllegalArgumentException e) {
            // lib-recur's sanity limit: nothing matched for thousands of candidates; what was found stands
        }
        return best == Long.MIN_VALUE ? Optional.empty() : Optional.of(best);
    }

    /** Counts the instances one lookup looks at. */
    private static final class Steps {
        private int taken;

        void take() {
            if (++taken > MAX_STEPS) {
                throw new IllegalStateException("a schedule lookup looked at more than " + MAX_STEPS
                        + " instances; the rule is too dense to look up");
            }
        }
    }

    @Override
    public String toString() {
        return rule + " from " + start;
    }
}
