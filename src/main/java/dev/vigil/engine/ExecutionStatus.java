package dev.vigil.engine;

import java.util.Locale;

/** Statuses shared by executions and step executions (WORKFLOW_FORMAT.md §6.1). */
public enum ExecutionStatus {
    PENDING, QUEUED, RUNNING, WAITING, WAITING_FOR_INPUT, WAITING_FOR_CHILD,
    COMPLETED, FAILED, CANCELLED, TIMED_OUT, SKIPPED;

    public boolean terminal() {
        return switch (this) {
            case COMPLETED, FAILED, CANCELLED, TIMED_OUT, SKIPPED -> true;
            default -> false;
        };
    }

    /** The wire form used in JSON and YAML: {@code waiting_for_input}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExecutionStatus fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
