package dev.vigil.investigations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Where investigations and their timelines live ({@code store.JdbcInvestigationStore}). */
public interface InvestigationStore {

    /**
     * In one transaction: the newest investigation not closed of {@code ruleKey} and {@code entity} whose last alert
     * is at or after {@code since}, changed by {@code join}; else the one {@code open} makes. The alert is linked and
     * the entry {@code added} makes for the chosen investigation appended to its timeline.
     */
    Investigation group(String ruleKey, String entity, Instant since, String alertId,
                        Function<Investigation, Investigation> join, Supplier<Investigation> open,
                        Function<Investigation, TimelineEntry> added);

    /** Writes {@code changed} if it is still at {@code expectedVersion}, and appends the entries; false when stale. */
    boolean update(Investigation changed, int expectedVersion, List<TimelineEntry> entries);

    /** Appends an entry without changing the investigation; false when there is no such investigation. */
    boolean append(String id, TimelineEntry entry);

    Optional<Investigation> find(String id);

    List<TimelineEntry> timeline(String id);

    /** Newest first. */
    Page search(InvestigationStatus status, int page, int size);

    record Page(List<Investigation> investigations, int page, int size, long total) {
    }
}
