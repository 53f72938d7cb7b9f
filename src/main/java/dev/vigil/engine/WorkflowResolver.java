package dev.vigil.engine;

import dev.vigil.model.Workflow;
import java.util.Optional;

/** Finds the child workflow of {@code workflow.execute} by id or name. */
@FunctionalInterface
public interface WorkflowResolver {

    Optional<Workflow> find(String idOrName);

    WorkflowResolver NONE = id -> Optional.empty();
}
