package dev.vigil.enrichment;

import dev.vigil.investigations.Investigation;

/**
 * What a cached lookup is reused for: the same indicator and the same version of the same workflow. A new version may
 * ask another service or shape its output differently, so it starts with no cache: an answer the current version would
 * never give is never attached, at the price of one fresh lookup per indicator after an activation.
 */
public record LookupKey(String workflowId, int workflowVersion, Investigation.Indicator indicator) {
}
