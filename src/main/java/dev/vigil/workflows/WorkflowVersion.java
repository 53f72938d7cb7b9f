package dev.vigil.workflows;

import java.time.Instant;

/**
 * One activated version of a workflow: numbered from 1, its YAML never changes. Jobs started from it keep their
 * own copy of the source, so replacing it does not touch them.
 *
 * @param replacedAt when a later version was activated in its place; null while it is the latest
 */
public record WorkflowVersion(String workflowId, int number, String source, Instant createdAt, String createdBy,
                              Instant activatedAt, String activatedBy, Instant replacedAt) {
}
