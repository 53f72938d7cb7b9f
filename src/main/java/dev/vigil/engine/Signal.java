package dev.vigil.engine;

import dev.vigil.steps.StepFailure;
import java.time.Instant;
import java.util.Map;

/**
 * Non-local exits inside one run. They unwind the step tree the way the format's scopes do; none carries a
 * stack trace (they are control flow, not bugs).
 */
abstract sealed class Signal extends RuntimeException
        permits Signal.Failed, Signal.Suspend, Signal.LoopBreak, Signal.LoopContinue, Signal.End, Signal.Cancelled {

    Signal() {
        super(null, null, false, false);
    }

    /**
     * A step failed. {@code deadline} is set when a timeout caused it: only handlers inside that deadline's
     * scope may catch it.
     */
    static final class Failed extends Signal {
        final StepFailure failure;
        final String stepName;
        final Deadline deadline;

        Failed(StepFailure failure, String stepName, Deadline deadline) {
            this.failure = failure;
            this.stepName = stepName;
            this.deadline = deadline;
        }

        @Override
        public String getMessage() {
            return failure.getMessage();
        }
    }

    /** The run pauses: a long wait, a retry delay or a human decision. It resumes by replay. */
    static final class Suspend extends Signal {
        final ExecutionStatus status;
        final Instant resumeAt;

        Suspend(ExecutionStatus status, Instant resumeAt) {
            this.status = status;
            this.resumeAt = resumeAt;
        }
    }

    static final class LoopBreak extends Signal {
    }

    static final class LoopContinue extends Signal {
    }

    /** {@code workflow.output} / {@code workflow.fail}: the run ends now with this status. */
    static final class End extends Signal {
        final ExecutionStatus status;
        final Object output;
        final Map<String, Object> error;

        End(ExecutionStatus status, Object output, Map<String, Object> error) {
            this.status = status;
            this.output = output;
            this.error = error;
        }
    }

    static final class Cancelled extends Signal {
    }
}
