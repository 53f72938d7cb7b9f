package dev.vigil.enrichment;

import dev.vigil.engine.ExecutionJournal;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Ids;
import dev.vigil.engine.RunRequest;
import dev.vigil.investigations.Investigation;
import dev.vigil.investigations.InvestigationEvents;
import dev.vigil.investigations.InvestigationService;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Enrichment: an indicator workflow run on an indicator an investigation gained, its output attached to the
 * investigation. A completed run is reused for the same indicator and workflow version for {@code ttl} (a failed one
 * never is), and while one runs, another investigation that gains the indicator waits for it instead of running it
 * again.
 *
 * <p>A run's end is recorded when its worker reports it ({@link #finished}). A run that ended where nobody recorded it
 * (a {@code vigil worker} process, a node that died just after) is recorded when it is next looked at: by a claim of
 * its key or by a read of an investigation waiting for it.
 */
public final class Enrichments {

    /** The cache's lifetime when none is configured. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);

    /** How long a claim may wait for its job before it counts as abandoned (its node died between the two). */
    static final Duration CLAIM_GRACE = Duration.ofMinutes(1);

    /** The metadata key that ties a job to the lookup it runs. */
    static final String LOOKUP_ID = "enrichmentLookupId";

    private static final int ATTEMPTS = 3;

    private final EnrichmentStore store;
    private final InvestigationService investigations;
    private final ExecutionJournal jobs;
    private final InstantSource clock;
    private final Duration ttl;

    /** @param jobs where a run's record and steps are read when its end was not reported */
    public Enrichments(EnrichmentStore store, InvestigationService investigations, ExecutionJournal jobs,
                       InstantSource clock, Duration ttl) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("the enrichment TTL must not be negative, not " + ttl);
        }
        this.store = store;
        this.investigations = investigations;
        this.jobs = jobs;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** How an indicator got its enrichment. */
    public enum How { RAN, CACHED, JOINED }

    /**
     * Enriches one indicator of an investigation with one workflow version: attaches a fresh cached result, or waits
     * for the run in progress, or starts one through {@code start} (which returns the execution id).
     */
    public How enrich(Investigation investigation, Investigation.Indicator indicator, String workflowId, int version,
                      String actor, Function<RunRequest, String> start) {
        LookupKey key = new LookupKey(workflowId, version, indicator);
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            EnrichmentStore.Claim claim = store.claim(investigation.id(), key, Ids.next(now.toEpochMilli()), now,
                    now.minus(ttl));
            switch (claim) {
                case EnrichmentStore.Claim.Cached(Lookup lookup) -> {
                    arrived(investigation.id(), lookup, true);
                    return How.CACHED;
                }
                case EnrichmentStore.Claim.Claimed(Lookup lookup) -> {
                    run(investigation, lookup, actor, start);
                    return How.RAN;
                }
                case EnrichmentStore.Claim.Running(Lookup lookup) -> {
                    // a run whose end went unrecorded would hold the key forever: record it, then look again
                    if (attempt < ATTEMPTS && endUnrecorded(lookup)) {
                        continue;
                    }
                    store.attach(investigation.id(), lookup.id(), now).filter(l -> !l.running())
                            .ifPresent(ended -> arrived(investigation.id(), ended, true));
                    return How.JOINED;
                }
            }
        }
    }

    private void run(Investigation investigation, Lookup lookup, String actor, Function<RunRequest, String> start) {
        LookupKey key = lookup.key();
        RunRequest request = new RunRequest(key.workflowId(), Map.of(),
                InvestigationEvents.indicator(investigation, key.indicator()), "indicator", actor, false,
                Map.of("investigationId", investigation.id(), LOOKUP_ID, lookup.id()), null, false, null);
        Instant submitted = clock.instant();
        String executionId;
        try {
            executionId = start.apply(request);
        } catch (RuntimeException refused) {
            // the queue is full or the inputs are refused: the lookup failed (so it is not cached, and the next
            // investigation with the indicator tries again), and so do the investigations that joined it meanwhile
            record(lookup.id(), null, ExecutionStatus.FAILED.wire(), null);
            throw refused;
        }
        store.started(lookup.id(), executionId);
        investigations.jobStarted(investigation.id(), executionId, key.workflowId(), actor, submitted);
    }

    /** A worker's report of a job's end: records the lookup the job ran, if it ran one. */
    public void finished(ExecutionRecord job) {
        Object lookupId = job.metadata() == null ? null : job.metadata().get(LOOKUP_ID);
        if (lookupId instanceof String id && job.status().terminal()) {
            end(id, job);
        }
    }

    /** The enrichments of an investigation; those whose run ended unrecorded are recorded first. */
    public List<Enrichment> of(String investigationId) {
        List<Enrichment> enrichments = store.enrichments(investigationId);
        boolean recorded = false;
        for (Enrichment e : enrichments) {
            if (Lookup.RUNNING.equals(e.status()) && e.executionId() != null) {
                Optional<ExecutionRecord> ended = jobs.execution(e.executionId()).filter(j -> j.status().terminal());
                ended.ifPresent(this::finished);
                recorded |= ended.isPresent();
            }
        }
        return recorded ? store.enrichments(investigationId) : enrichments;
    }

    /** Records the end of a running lookup whose end nobody recorded; true when it did. */
    private boolean endUnrecorded(Lookup lookup) {
        if (lookup.executionId() == null) {
            boolean abandoned = lookup.startedAt().plus(CLAIM_GRACE).isBefore(clock.instant());
            if (abandoned) {
                record(lookup.id(), null, ExecutionStatus.FAILED.wire(), null);
            }
            return abandoned;
        }
        Optional<ExecutionRecord> ended = jobs.execution(lookup.executionId()).filter(j -> j.status().terminal());
        ended.ifPresent(job -> end(lookup.id(), job));
        return ended.isPresent();
    }

    private void end(String lookupId, ExecutionRecord job) {
        Object output = job.status() == ExecutionStatus.COMPLETED ? LookupOutput.of(job, jobs.steps(job.id())) : null;
        record(lookupId, job.id(), job.status().wire(), output);
    }

    private void record(String lookupId, String executionId, String status, Object output) {
        List<EnrichmentStore.Attached> waiting = store.finish(lookupId, executionId, status, output, clock.instant());
        if (!waiting.isEmpty()) {
            Lookup ended = store.lookup(lookupId).orElseThrow();
            waiting.forEach(attached -> arrived(attached.investigationId(), ended, attached.cached()));
        }
    }

    private void arrived(String investigationId, Lookup lookup, boolean cached) {
        investigations.enriched(investigationId, lookup.key().indicator(), lookup.key().workflowId(),
                lookup.executionId(), lookup.status(), cached);
    }
}
