package dev.vigil.model;

import java.util.List;

/** How a workflow is started (WORKFLOW_FORMAT.md §1.1). */
public sealed interface Trigger {
    String type();

    /** Run from the UI, the API or the CLI. */
    record Manual(String eventType) implements Trigger {
        public String type() { return "manual"; }
    }

    /** {@code every} ("5m") or an RFC 5545-like {@code rrule}; exactly one is set. */
    record Scheduled(String every, Rrule rrule) implements Trigger {
        public String type() { return "scheduled"; }
    }

    record Rrule(String freq, int interval, String tzid, String dtstart, List<Integer> byhour,
                 List<Integer> byminute, List<String> byweekday, List<Integer> bymonthday) {
    }

    /** An alert/detection; the legacy {@code with.rule_id / rule_name} filters and an optional KQL condition. */
    record Alert(String ruleId, String ruleName, String condition) implements Trigger {
        public String type() { return "alert"; }
    }

    /**
     * An HTTP POST to the workflow's own URL ({@code /api/webhooks/<id>}), signed with the workflow's secret; the
     * body becomes the run's {@code event}. It has no fields: the URL and the secret belong to the server, not to
     * the YAML, so that a workflow file can be shared without handing out a way to start it.
     */
    record Webhook() implements Trigger {
        public String type() { return "webhook"; }
    }

    /**
     * A new investigation: runs once when an alert opens one (not when an alert joins one). The event is
     * {@code {investigation, alerts}}, as for "take action"; {@code condition} (KQL over it) may be null.
     */
    record Investigation(String condition) implements Trigger {
        public String type() { return "investigation"; }
    }

    /**
     * An indicator an investigation gains, of one of {@code types} (wire names: ipv4, domain, sha256 ...): runs once
     * per indicator with the event {@code {indicator: {type, value}, investigation}}; its output is attached to the
     * investigation as an enrichment, and reused for the same indicator within the server's enrichment TTL.
     */
    record Indicator(List<String> types, String condition) implements Trigger {
        public Indicator {
            types = List.copyOf(types);
        }

        public String type() { return "indicator"; }
    }

    /** Event-driven triggers (workflows.failed, cases.* ...) with {@code on.condition}. */
    record Event(String type, String condition, String workflowEvents) implements Trigger {
    }
}
