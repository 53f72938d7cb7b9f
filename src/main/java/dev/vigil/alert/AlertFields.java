package dev.vigil.alert;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the few fields of an alert event that intake needs: the rule's ids and names, and the payload's shape. */
final class AlertFields {

    private AlertFields() {
    }

    static String ruleId(Map<String, Object> event) {
        return text(path(event, "rule", "id"));
    }

    static String ruleName(Map<String, Object> event) {
        return text(path(event, "rule", "name"));
    }

    /**
     * Every id the rule goes by: the event's {@code rule.id} and each alert's {@code kibana.alert.rule.uuid} (the
     * rule's saved-object id) and {@code kibana.alert.rule.rule_id} (a detection rule's stable id, which differs).
     */
    static Set<String> ruleIds(Map<String, Object> event) {
        Set<String> ids = new LinkedHashSet<>();
        add(ids, ruleId(event));
        for (Object alert : alerts(event)) {
            add(ids, text(path(alert, "kibana", "alert", "rule", "uuid")));
            add(ids, text(path(alert, "kibana", "alert", "rule", "rule_id")));
        }
        return ids;
    }

    static Set<String> ruleNames(Map<String, Object> event) {
        Set<String> names = new LinkedHashSet<>();
        add(names, ruleName(event));
        for (Object alert : alerts(event)) {
            add(names, text(path(alert, "kibana", "alert", "rule", "name")));
        }
        return names;
    }

    private static List<?> alerts(Map<String, Object> event) {
        return event.get("alerts") instanceof List<?> list ? list : List.of();
    }

    private static void add(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }

    private static String text(Object value) {
        return value instanceof String || value instanceof Number ? String.valueOf(value) : null;
    }

    static Object path(Object root, String... keys) {
        Object current = root;
        for (String key : keys) {
            current = current instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return current;
    }
}
