package dev.vigil.schedule;

import dev.vigil.model.Trigger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The instants ("slots") one scheduled trigger fires at. A slot depends only on the trigger, never on when a node
 * started or last ran, so every node and every restart agrees on it: that is what lets the store's claim of
 * (workflow, slot) make a slot fire once.
 */
public sealed interface Recurrence permits EveryInterval, RruleRecurrence {

    /** The latest slot at or before {@code instant}; empty when the schedule has none yet. */
    Optional<Instant> latestAtOrBefore(Instant instant);

    /** The first slot strictly after {@code instant}; empty when the schedule never fires again. */
    Optional<Instant> nextAfter(Instant instant);

    /**
     * @param zoneIfAbsent the zone of an rrule without {@code tzid}: the workflow's {@code settings.timezone}, else
     *                     UTC (the parser already fills it in; a hand-built trigger may not)
     * @throws IllegalArgumentException when the trigger cannot fire (e.g. {@code every: 0m}) or lib-recur refuses
     *                                  the rule
     */
    static Recurrence of(Trigger.Scheduled trigger, ZoneId zoneIfAbsent) {
        if (trigger.every() != null) {
            return EveryInterval.parse(trigger.every());
        }
        if (trigger.rrule() != null) {
            return RruleRecurrence.of(trigger.rrule(), zoneIfAbsent);
        }
        throw new IllegalArgumentException("a scheduled trigger needs every or rrule");
    }
}
