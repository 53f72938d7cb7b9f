package dev.vigil.node;

import dev.vigil.engine.ExecutionJournal;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.LogEntry;
import dev.vigil.engine.StepExecution;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The journal the executor writes through, telling listeners (metrics) about every step that ended. Everything
 * else goes straight to the store.
 */
final class ObservedJournal implements ExecutionJournal {

    private final ExecutionJournal store;
    private final List<Consumer<StepExecution>> stepListeners = new CopyOnWriteArrayList<>();

    ObservedJournal(ExecutionJournal store) {
        this.store = store;
    }

    void onStepEnded(Consumer<StepExecution> listener) {
        stepListeners.add(listener);
    }

    @Override
    public void saveStep(StepExecution step) {
        store.saveStep(step);
        if (step.status().terminal() && !stepListeners.isEmpty()) {
            stepListeners.forEach(listener -> listener.accept(step));
        }
    }

    @Override
    public void saveExecution(ExecutionRecord execution) {
        store.saveExecution(execution);
    }

    @Override
    public Optional<ExecutionRecord> execution(String executionId) {
        return store.execution(executionId);
    }

    @Override
    public List<StepExecution> steps(String executionId) {
        return store.steps(executionId);
    }

    @Override
    public void log(String executionId, LogEntry entry) {
        store.log(executionId, entry);
    }

    @Override
    public List<LogEntry> logs(String executionId) {
        return store.logs(executionId);
    }

    @Override
    public void flush() {
        store.flush();
    }
}
