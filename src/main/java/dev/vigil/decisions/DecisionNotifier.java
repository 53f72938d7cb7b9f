package dev.vigil.decisions;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.StepExecution;
import dev.vigil.store.DecisionLedger;
import java.time.InstantSource;
import org.slf4j.LoggerFactory;

/**
 * Tells people outside Vigil that a decision waits: Slack, e-mail. Called once per decision, on its own virtual
 * thread, when the step starts waiting; it never throws (what happened goes to the decision trail).
 */
interface DecisionNotifier {

    /** Whether the decision's recorded input asks for this kind of notice. */
    boolean wanted(StepExecution step);

    void post(ExecutionRecord job, StepExecution step);

    /**
     * The decision was made (answered, or timed out): update what was posted, if it can be. Called once per
     * decision on its own virtual thread; never throws.
     *
     * @param outcome what happened, in a sentence ("Decided: isolate, by user:alice (slack) at ...")
     */
    default void settled(StepExecution step, String outcome) {
    }

    /** Writes what a notice did ({@code posted}, {@code post-failed} ...) to the decision trail; never throws. */
    static void note(DecisionLedger ledger, InstantSource clock, StepExecution step, String channel, String event,
                     String reason) {
        try {
            ledger.note(new DecisionLedger.Entry(step.executionId(), step.path(), clock.instant(), event, "vigil",
                    channel, null, reason));
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(DecisionNotifier.class).warn("could not record that decision {} of job {} was {}",
                    step.path(), step.executionId(), event, e);
        }
    }
}
