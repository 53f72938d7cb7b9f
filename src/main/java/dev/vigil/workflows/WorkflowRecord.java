package dev.vigil.workflows;

import java.time.Instant;
import java.util.List;

/**
 * A workflow as stored: what it is called (from its active version, or its draft while never activated), where it
 * is in its lifecycle, and who touched it when.
 *
 * @param activeVersion the number of the active (or, when inactive, last active) version; null until activated
 * @param deletedAt     set when soft-deleted: hidden from lists and lookups, kept for its history
 */
public record WorkflowRecord(
        String id,
        String name,
        String description,
        List<String> tags,
        WorkflowState state,
        Integer activeVersion,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant deletedAt,
        String deletedBy) {

    public WorkflowRecord {
        tags = List.copyOf(tags);
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    WorkflowRecord with(WorkflowState newState, Instant at, String actor) {
        return new WorkflowRecord(id, name, description, tags, newState, activeVersion, createdAt, createdBy, at,
                actor, deletedAt, deletedBy);
    }

    WorkflowRecord described(Described source) {
        return new WorkflowRecord(id, source.name(), source.description(), source.tags(), state, activeVersion,
                createdAt, createdBy, updatedAt, updatedBy, deletedAt, deletedBy);
    }

    WorkflowRecord deletedBy(Instant at, String actor) {
        return new WorkflowRecord(id, name, description, tags, state, activeVersion, createdAt, createdBy, at, actor,
                at, actor);
    }
}
