package dev.vigil.enrichment;

import java.time.Instant;

/**
 * One run of an indicator workflow on one indicator: the claim that keeps two investigations from running it twice
 * at once, and, once it completed, the cache of its output.
 *
 * @param executionId null from the claim until its job is accepted
 * @param status      {@link #RUNNING}, then the job's final status
 */
public record Lookup(String id, LookupKey key, String executionId, String status, Object output, Instant startedAt,
                     Instant finishedAt) {

    public static final String RUNNING = "running";

    public boolean running() {
        return RUNNING.equals(status);
    }
}
