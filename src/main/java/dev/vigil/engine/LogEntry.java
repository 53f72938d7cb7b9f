package dev.vigil.engine;

import java.time.Instant;

/** One log line of an execution; {@code stepPath} is null for execution-level entries. */
public record LogEntry(Instant timestamp, String level, String message, String stepPath, String stepName) {
}
