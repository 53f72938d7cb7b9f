package dev.vigil.cli;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.LogEntry;
import dev.vigil.engine.StepExecution;
import dev.vigil.model.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The execution record as the CLI prints it: JSON for machines, text for people. */
record ExecutionReport(ExecutionRecord execution, List<StepExecution> steps, List<LogEntry> logs) {

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", execution.id());
        json.put("workflow", execution.workflowName());
        json.put("status", execution.status().wire());
        json.put("startedAt", String.valueOf(execution.startedAt()));
        json.put("finishedAt", execution.finishedAt() == null ? null : execution.finishedAt().toString());
        json.put("durationMs", execution.durationMs());
        json.put("output", execution.output());
        json.put("error", execution.error());
        List<Object> list = new ArrayList<>();
        for (StepExecution s : steps) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("name", s.name());
            step.put("type", s.type());
            step.put("path", s.path());
            step.put("status", s.status().wire());
            step.put("input", s.input());
            step.put("output", s.output());
            step.put("error", s.error());
            step.put("startedAt", String.valueOf(s.startedAt()));
            step.put("durationMs", s.durationMs());
            step.put("mocked", s.mocked());
            list.add(step);
        }
        json.put("steps", list);
        List<Object> logLines = new ArrayList<>();
        for (LogEntry e : logs) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("timestamp", e.timestamp().toString());
            line.put("level", e.level());
            line.put("step", e.stepName());
            line.put("message", e.message());
            logLines.add(line);
        }
        json.put("logs", logLines);
        return json;
    }

    String toText() {
        StringBuilder out = new StringBuilder();
        out.append("workflow: ").append(execution.workflowName()).append('\n');
        out.append("status:   ").append(execution.status().wire());
        if (execution.durationMs() != null) {
            out.append(" in ").append(execution.durationMs()).append(" ms");
        }
        out.append('\n');
        if (execution.error() != null) {
            out.append("error:    ").append(execution.error().get("message")).append('\n');
        }
        if (execution.output() != null) {
            out.append("output:   ").append(Values.preview(execution.output(), 400)).append('\n');
        }
        out.append("steps:\n");
        for (StepExecution s : steps) {
            int depth = s.path().split("/").length - 1;
            out.append("  ".repeat(depth + 1)).append(mark(s)).append(' ').append(s.name())
                    .append(" [").append(s.type()).append("] ").append(s.status().wire());
            if (s.durationMs() != null) {
                out.append(' ').append(s.durationMs()).append(" ms");
            }
            if (s.mocked()) {
                out.append(" (mocked)");
            }
            if (s.path().contains("[")) {
                out.append("  @").append(s.path());
            }
            out.append('\n');
            String indent = "  ".repeat(depth + 3);
            if (s.error() != null) {
                out.append(indent).append("error: ").append(s.error().get("message")).append('\n');
            } else if (s.output() != null) {
                out.append(indent).append("output: ").append(Values.preview(s.output(), 200)).append('\n');
            }
        }
        for (LogEntry e : logs) {
            if (e.level().equals("info") && e.message().startsWith("execution ")) {
                continue;
            }
            out.append("log ").append(e.level()).append(e.stepName() == null ? "" : " [" + e.stepName() + "]")
                    .append(": ").append(e.message()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String mark(StepExecution s) {
        return switch (s.status()) {
            case COMPLETED -> "✓";
            case FAILED, TIMED_OUT -> "✗";
            case SKIPPED -> "-";
            case WAITING, WAITING_FOR_INPUT -> "…";
            default -> "·";
        };
    }
}
