package dev.vigil.schedule;

import dev.vigil.model.Trigger;
import dev.vigil.model.Workflow;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * When one workflow fires: the union of its scheduled triggers' slots. A workflow has one slot history in the store,
 * so two triggers that share an instant fire one run, and catch-up looks at the latest slot of any trigger.
 */
public record Schedule(List<Recurrence> recurrences) {

    public Schedule {
        recurrences = List.copyOf(recurrences);
    }

    /** @throws IllegalArgumentException when one of the workflow's scheduled triggers cannot fire */
    public static Schedule of(Workflow workflow) {
        String timezone = workflow.settings() == null ? null : workflow.settings().timezone();
        ZoneId zoneIfAbsent = timezone == null ? ZoneOffset.UTC : zone(timezone);
        return new Schedule(workflow.triggers().stream()
                .filter(Trigger.Scheduled.class::isInstance)
                .map(t -> Recurrence.of((Trigger.Scheduled) t, zoneIfAbsent))
                .toList());
    }

    private static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown settings.timezone '" + timezone + "'", e);
        }
    }

    public boolean isEmpty() {
        return recurrences.isEmpty();
    }

    public Optional<Instant> latestAtOrBefore(Instant instant) {
        return recurrences.stream().flatMap(r -> r.latestAtOrBefore(instant).stream()).max(Instant::compareTo);
    }

    public Optional<Instant> nextAfter(Instant instant) {
        return recurrences.stream().flatMap(r -> r.nextAfter(instant).stream()).min(Instant::compareTo);
    }
}
