package dev.vigil.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link ExecutionJournal} in memory, for the CLI and tests. */
public final class MemoryJournal implements ExecutionJournal {

    private final Map<String, ExecutionRecord> executions = new ConcurrentHashMap<>();
    private final Map<String, Map<String, StepExecution>> steps = new ConcurrentHashMap<>();
    private final Map<String, List<LogEntry>> logs = new ConcurrentHashMap<>();

    @Override
    public void saveExecution(ExecutionRecord execution) {
        executions.put(execution.id(), execution);
    }

    @Override
    public Optional<ExecutionRecord> execution(String executionId) {
        return Optional.ofNullable(executions.get(executionId));
    }

    @Override
    public void saveStep(StepExecution step) {
        Map<String, StepExecution> byId = steps.computeIfAbsent(step.executionId(), k -> new LinkedHashMap<>());
        synchronized (byId) {
            byId.put(step.id(), step);
        }
    }

    @Override
    public List<StepExecution> steps(String executionId) {
        Map<String, StepExecution> byId = steps.getOrDefault(executionId, Map.of());
        List<StepExecution> all;
        synchronized (byId) {
            all = new ArrayList<>(byId.values());
        }
        all.sort(Comparator.comparingInt(StepExecution::index));
        return all;
    }

    @Override
    public void log(String executionId, LogEntry entry) {
        List<LogEntry> list = logs.computeIfAbsent(executionId, k -> new ArrayList<>());
        synchronized (list) {
            list.add(entry);
        }
    }

    @Override
    public List<LogEntry> logs(String executionId) {
        List<LogEntry> list = logs.getOrDefault(executionId, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}
