package dev.vigil.engine;

import java.util.List;
import java.util.Optional;

/**
 * Where the executor writes what happens, and reads it back to resume. The executor depends only on this
 * interface: the in-memory journal serves the CLI and tests; the durable store implements the same contract.
 * Writes of one execution come from one thread at a time except inside {@code parallel} steps, so
 * implementations must be thread-safe.
 */
public interface ExecutionJournal {

    void saveExecution(ExecutionRecord execution);

    Optional<ExecutionRecord> execution(String executionId);

    /** Inserts or replaces the step execution with the same id. */
    void saveStep(StepExecution step);

    /** Every step execution of the execution, in start order. */
    List<StepExecution> steps(String executionId);

    void log(String executionId, LogEntry entry);

    List<LogEntry> logs(String executionId);

    /**
     * Makes every write so far durable. A journal may buffer step records and logs of steps that touch nothing
     * outside (data.set, console ...) and commit them in one transaction; the executor calls this before a step
     * that reaches an outside system starts and after it ends, and {@link #saveExecution} commits too, so after a
     * crash only the step that was in flight can run again.
     */
    default void flush() {
    }
}
