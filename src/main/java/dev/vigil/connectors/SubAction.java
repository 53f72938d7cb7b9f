package dev.vigil.connectors;

import dev.vigil.steps.StepFailure;

/** One sub-action of a connector type ({@code Y} of {@code X.Y}): the call in, the step's output back. */
@FunctionalInterface
public interface SubAction {

    Object run(ConnectorCall call) throws StepFailure;
}
