package dev.vigil.workflows;

/** A workflow's id and YAML: the active version's, or the draft's when it was never activated. */
public record ExportedWorkflow(String id, String yaml) {
}
