package dev.vigil.store;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Ids;
import dev.vigil.engine.LogEntry;
import dev.vigil.engine.StepExecution;
import dev.vigil.store.JobStore.ConcurrencyRule;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Records for store tests, built the way the executor builds them. */
final class Fixtures {

    /** A moment with microseconds, so every round trip checks them. */
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00.123456Z");
    static final Duration LEASE = Duration.ofMinutes(1);
    static final String SOURCE = """
            name: test
            triggers: [{type: manual}]
            steps:
              - {name: hello, type: console, with: {message: "héllo 🙂"}}
            """;

    private Fixtures() {
    }

    static ExecutionRecord pending(String workflowId, Instant createdAt) {
        return new ExecutionRecord(Ids.next(createdAt.toEpochMilli()), workflowId, "Workflow " + workflowId,
                ExecutionStatus.PENDING, "manual", "tester", false, createdAt, null, null, map("host", "web-1"), null,
                null, null, Map.of());
    }

    /** The record as the executor saves it later: another status, started and maybe finished. */
    static ExecutionRecord as(ExecutionRecord r, ExecutionStatus status, Instant startedAt, Instant finishedAt) {
        return new ExecutionRecord(r.id(), r.workflowId(), r.workflowName(), status, r.triggeredBy(), r.executedBy(),
                r.testRun(), r.createdAt(), startedAt, finishedAt, r.inputs(), r.event(), r.output(), r.error(),
                r.metadata());
    }

    static ExecutionRecord withValues(ExecutionRecord r, Object event, Object output) {
        return new ExecutionRecord(r.id(), r.workflowId(), r.workflowName(), r.status(), r.triggeredBy(),
                r.executedBy(), r.testRun(), r.createdAt(), r.startedAt(), r.finishedAt(), r.inputs(), event, output,
                r.error(), r.metadata());
    }

    static StepExecution step(String executionId, String path, ExecutionStatus status, int index, Instant at) {
        return new StepExecution(Ids.next(at.toEpochMilli()), executionId, path, path, "console", status, index, 0, at,
                status.terminal() ? at : null, map("message", "hi " + path), status.terminal() ? "out " + path : null,
                null, null, false);
    }

    static StepExecution finished(StepExecution s, ExecutionStatus status, Instant at, Object output) {
        return new StepExecution(s.id(), s.executionId(), s.path(), s.name(), s.type(), status, s.index(), s.attempt(),
                s.startedAt(), at, s.input(), output, s.error(), s.state(), s.mocked());
    }

    static StepExecution waiting(String executionId, String path, ExecutionStatus status, int index, Instant at) {
        return new StepExecution(Ids.next(at.toEpochMilli()), executionId, path, path, "waitForApproval", status, index,
                0, at, null, map("message", "Isolate?"), null, null, map("deadline", at.plus(Duration.ofHours(24))
                .toString()), false);
    }

    static LogEntry logLine(Instant at, String message) {
        return new LogEntry(at, "info", message, null, null);
    }

    static ConcurrencyRule rule(String workflowId, String key, int max, String strategy) {
        return new ConcurrencyRule(workflowId, key, max, strategy, 100, Duration.ofHours(24));
    }

    /** An insertion-ordered map that may hold nulls: {@code map("a", 1L, "b", null)}. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
