package dev.vigil.node;

import dev.vigil.engine.ExecutionJournal;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.LogEntry;
import dev.vigil.engine.StepExecution;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The journal the executor writes through, telling listeners about every step that ended (metrics, decision
 * timeouts) and every step that starts waiting for a person (decision requests). Everything else goes straight to
 * the store.
 */
final class ObservedJournal implements ExecutionJournal {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ObservedJournal.class);

    private final ExecutionJournal store;
    private final List<Consumer<StepExecution>> stepListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<StepExecution>> waitingListeners = new CopyOnWriteArrayList<>();

    ObservedJournal(ExecutionJournal store) {
        this.store = store;
    }

    void onStepEnded(Consumer<StepExecution> listener) {
        stepListeners.add(listener);
    }

    void onStepWaiting(Consumer<StepExecution> listener) {
        waitingListeners.add(listener);
    }

    @Override
    public void saveStep(StepExecution step) {
        store.saveStep(step);
        if (step.status().terminal() && !stepListeners.isEmpty()) {
            notify(stepListeners, step, "ended");
        }
        if (step.status() == ExecutionStatus.WAITING_FOR_INPUT && !waitingListeners.isEmpty()) {
            // durable first: a listener may tell people, who may answer at once, and an answer must find the step
            store.flush();
            notify(waitingListeners, step, "waiting for input");
        }
    }

    /** A listener's failure (a trail write, say) is logged, never the run's: the step itself is saved. */
    private static void notify(List<Consumer<StepExecution>> listeners, StepExecution step, String what) {
        for (Consumer<StepExecution> listener : listeners) {
            try {
                listener.accept(step);
            } catch (RuntimeException e) {
                LOG.warn("a listener failed on step {} of execution {} {}", step.path(), step.executionId(), what, e);
            }
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
