package dev.vigil.engine;

/**
 * A journal refused a value (a step's input or output, an execution's output) as larger than it stores; nothing of
 * that write was stored. The executor turns it into a failure of the step (or the execution) with this message, so
 * the run ends on a clear error instead of being retried forever.
 */
public class ValueTooLarge extends IllegalArgumentException {

    public ValueTooLarge(String message) {
        super(message);
    }
}
