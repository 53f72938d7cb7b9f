package dev.vigil.enrichment;

import dev.vigil.investigations.Investigation;
import java.time.Instant;

/**
 * What an indicator workflow found about one indicator of an investigation: the output of its run (a lookup), attached
 * to the investigation.
 *
 * @param executionId the run; null only while a lookup is claimed and its job not yet accepted
 * @param status      {@code running} until the run ends, then its final status (completed, failed, ...)
 * @param output      the run's output when it completed ({@link LookupOutput}), else null
 * @param at          when it arrived on this investigation: null while running
 * @param lookedUpAt  when the run ended: for a cached enrichment, how old the answer is
 * @param cached      true when the investigation got another investigation's run rather than starting its own
 */
public record Enrichment(String investigationId, Investigation.Indicator indicator, String workflowId,
                         int workflowVersion, String executionId, String status, Object output, Instant at,
                         Instant lookedUpAt, boolean cached) {
}
