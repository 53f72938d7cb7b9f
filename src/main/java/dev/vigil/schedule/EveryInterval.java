package dev.vigil.schedule;

import dev.vigil.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code every: 5m}: slots at whole multiples of the period since the Unix epoch (every 5m fires at :00, :05 ...
 * UTC, every 1d at 00:00 UTC). Aligning to the epoch rather than to a start time is what makes slots the same on
 * every node and after every restart; both lookups are one division, however long the node was down.
 */
record EveryInterval(Duration period) implements Recurrence {

    EveryInterval {
        if (period.toMillis() <= 0) {
            throw new IllegalArgumentException("a schedule period must be at least 1 ms; got " + period);
        }
    }

    /** Parses {@code every} text (the parser already checked {@code ^\d+[smhd]$}). */
    static EveryInterval parse(String every) {
        Duration period = Durations.parse(every);
        if (period.isZero()) {
            throw new IllegalArgumentException("every '" + every + "' never advances; expected a positive period");
        }
        return new EveryInterval(period);
    }

    @Override
    public Optional<Instant> latestAtOrBefore(Instant instant) {
        return Optional.of(Instant.ofEpochMilli(floor(instant)));
    }

    @Override
    public Optional<Instant> nextAfter(Instant instant) {
        return Optional.of(Instant.ofEpochMilli(floor(instant) + period.toMillis()));
    }

    /** The slot at or before {@code instant}, in epoch milliseconds (floorDiv keeps it right before 1970 too). */
    private long floor(Instant instant) {
        long p = period.toMillis();
        return Math.floorDiv(instant.toEpochMilli(), p) * p;
    }
}
