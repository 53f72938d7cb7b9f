package dev.vigil.enrichment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where lookups and the enrichments of investigations live ({@code store.JdbcEnrichmentStore}). */
public interface EnrichmentStore {

    /** What {@link #claim} found. */
    sealed interface Claim {
        /** A completed lookup at least as fresh as asked: attached to the investigation as cached. */
        record Cached(Lookup lookup) implements Claim {
        }

        /** Another investigation's lookup of the key is still running: not attached (see {@link #attach}). */
        record Running(Lookup lookup) implements Claim {
        }

        /** A new running lookup, the caller's to start: attached to the investigation, not cached. */
        record Claimed(Lookup lookup) implements Claim {
        }
    }

    /**
     * In one transaction: the newest completed lookup of {@code key} that ended at or after {@code freshSince},
     * attached; else, unless one is running, a new running lookup {@code newLookupId} (on every node sharing the
     * database at most one lookup of a key runs at a time).
     */
    Claim claim(String investigationId, LookupKey key, String newLookupId, Instant now, Instant freshSince);

    /** Attaches a lookup (cached) and returns it as it is after the attachment: ended or still running. */
    Optional<Lookup> attach(String investigationId, String lookupId, Instant at);

    /** The job a claimed lookup runs as (the first one recorded wins: its end may have been recorded already). */
    void started(String lookupId, String executionId);

    /** An investigation a lookup is attached to; not cached for the one that claimed it. */
    record Attached(String investigationId, boolean cached) {
    }

    /**
     * Ends a running lookup; the investigations it is attached to, or none when it had already ended (its end is
     * recorded once, whoever sees it first).
     */
    List<Attached> finish(String lookupId, String executionId, String status, Object output, Instant at);

    Optional<Lookup> lookup(String lookupId);

    /** The enrichments of an investigation, oldest attachment first. */
    List<Enrichment> enrichments(String investigationId);
}
