package dev.vigil.api;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.LogEntry;
import dev.vigil.engine.StepExecution;
import dev.vigil.engine.TokenUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs, steps and log lines as the API shows them, in Kibana's field names (WORKFLOW_FORMAT.md §6.5, §7) so that
 * scripts written for Kibana read Vigil's answers unchanged.
 */
final class ExecutionJson {

    private ExecutionJson() {
    }

    static Map<String, Object> execution(ExecutionRecord e, boolean values) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id());
        json.put("workflowId", e.workflowId());
        json.put("workflowName", e.workflowName());
        json.put("status", e.status().wire());
        json.put("isTestRun", e.testRun());
        json.put("triggeredBy", e.triggeredBy());
        json.put("executedBy", e.executedBy());
        json.put("createdAt", text(e.createdAt()));
        json.put("startedAt", text(e.startedAt()));
        json.put("finishedAt", text(e.finishedAt()));
        json.put("duration", e.durationMs());
        json.put("error", e.error());
        if (values) {
            json.put("inputs", e.inputs());
            json.put("event", e.event());
            json.put("output", e.output());
            json.put("metadata", e.metadata());
        }
        return json;
    }

    static Map<String, Object> detail(ExecutionRecord e, List<StepExecution> steps, boolean values) {
        Map<String, Object> json = execution(e, true);
        json.put("tokenUsage", TokenUsage.of(steps).toValue());
        json.put("stepExecutions", steps.stream().map(s -> step(s, values)).toList());
        return json;
    }

    static Map<String, Object> step(StepExecution s, boolean values) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", s.id());
        json.put("workflowRunId", s.executionId());
        json.put("stepId", s.name());
        json.put("path", s.path());
        json.put("stepType", s.type());
        json.put("status", s.status().wire());
        json.put("attempt", s.attempt());
        json.put("globalExecutionIndex", s.index());
        json.put("startedAt", text(s.startedAt()));
        json.put("finishedAt", text(s.finishedAt()));
        json.put("executionTimeMs", s.durationMs());
        json.put("error", s.error());
        json.put("state", s.state());
        if (values) {
            json.put("input", s.input());
            json.put("output", s.output());
        }
        return json;
    }

    static Map<String, Object> log(LogEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", text(entry.timestamp()));
        json.put("level", entry.level());
        json.put("message", entry.message());
        json.put("stepPath", entry.stepPath());
        json.put("stepId", entry.stepName());
        return json;
    }

    private static String text(java.time.Instant at) {
        return at == null ? null : at.toString();
    }
}
