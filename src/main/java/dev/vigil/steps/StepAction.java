package dev.vigil.steps;

/**
 * What one step type does. Implementations are small final classes, registered in {@link StepRegistry}.
 * They see only the {@link StepInvocation}: they never touch storage or the executor's state.
 */
@FunctionalInterface
public interface StepAction {

    /**
     * Runs the step once.
     *
     * @return the step output in the value model (maps, lists, String, Long, Double, Boolean), or null for none
     * @throws StepFailure when the step fails; the executor applies {@code on-failure}
     */
    Object run(StepInvocation call) throws StepFailure;
}
