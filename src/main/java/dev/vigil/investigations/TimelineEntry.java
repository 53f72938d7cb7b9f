package dev.vigil.investigations;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened to an investigation, in the order it happened.
 *
 * @param refs what it links to: {@code alertId}, {@code executionId}, {@code workflowId}, {@code caseId}, ...
 */
public record TimelineEntry(Instant at, String actor, Kind kind, String text, Map<String, String> refs) {

    public enum Kind {
        ALERT_ADDED, JOB_STARTED, JOB_FINISHED, DECISION_REQUESTED, DECISION_ANSWERED, DECISION_TIMED_OUT, COMMENT,
        CASE_LINKED, STATUS_CHANGED, PRIORITY_CHANGED, ASSIGNED, ENRICHED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind parse(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public TimelineEntry {
        refs = Map.copyOf(refs);
    }
}
