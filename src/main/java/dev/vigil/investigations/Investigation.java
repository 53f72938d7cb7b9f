package dev.vigil.investigations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Alerts of one rule on one entity, grouped for a human to work on.
 *
 * @param ruleKey     what grouping compares: the rule id, else its name ("" when the alert names neither)
 * @param entity      {@code host:<name>} or {@code user:<name>}, or null when the alert names neither
 * @param indicators  distinct {@code type:value} indicators of its alerts, in the order first seen
 * @param lastAlertAt when its newest alert came in: the grouping window runs from it
 * @param version     1 when opened, +1 on every change
 */
public record Investigation(String id, String title, InvestigationStatus status, Priority priority, String assignee,
                            String ruleId, String ruleName, String ruleKey, String entity, List<String> alertIds,
                            List<Indicator> indicators, Instant createdAt, Instant updatedAt, Instant lastAlertAt,
                            int version) {

    /** An indicator of compromise as an investigation keeps it: its kind and normalized value. */
    public record Indicator(String type, String value) {
    }

    public Investigation {
        alertIds = List.copyOf(alertIds);
        indicators = List.copyOf(indicators);
    }

    /** This investigation with one more alert (and its indicators), one version on. */
    Investigation withAlert(String alertId, List<Indicator> more, Instant at) {
        List<String> ids = new ArrayList<>(alertIds);
        ids.add(alertId);
        LinkedHashSet<Indicator> all = new LinkedHashSet<>(indicators);
        all.addAll(more);
        return new Investigation(id, title, status, priority, assignee, ruleId, ruleName, ruleKey, entity, ids,
                List.copyOf(all), createdAt, at, at.isAfter(lastAlertAt) ? at : lastAlertAt, version + 1);
    }

    Investigation with(InvestigationStatus newStatus, Priority newPriority, String newAssignee, Instant at) {
        return new Investigation(id, title, newStatus, newPriority, newAssignee, ruleId, ruleName, ruleKey, entity,
                alertIds, indicators, createdAt, at, lastAlertAt, version + 1);
    }
}
