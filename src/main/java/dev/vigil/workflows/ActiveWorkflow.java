package dev.vigil.workflows;

import dev.vigil.model.Workflow;

/** What the server starts a job with: the parsed active version, its source and its number. */
public record ActiveWorkflow(String id, int version, String source, Workflow workflow) {
}
