package dev.vigil.investigations;

import java.util.List;
import java.util.Map;

/**
 * What grouping reads from an alert event: the rule, the entity and the severity, from the event's {@code rule} and
 * from its alert documents, whose fields may be nested ({@code host: {name}}) or flattened ({@code "host.name"}).
 */
record AlertFacts(String ruleId, String ruleName, String entity, String severity) {

    static AlertFacts of(Map<String, Object> event) {
        List<?> alerts = event.get("alerts") instanceof List<?> list ? list : List.of(event);
        String ruleId = text(field(event, "rule.id"));
        String ruleName = text(field(event, "rule.name"));
        String host = null;
        String user = null;
        String severity = null;
        for (Object alert : alerts) {
            ruleId = ruleId != null ? ruleId : first(alert, "kibana.alert.rule.uuid", "kibana.alert.rule.rule_id");
            ruleName = ruleName != null ? ruleName : first(alert, "kibana.alert.rule.name");
            host = host != null ? host : first(alert, "host.name");
            user = user != null ? user : first(alert, "user.name");
            severity = severity != null ? severity : first(alert, "kibana.alert.severity");
        }
        String entity = host != null ? "host:" + host : user != null ? "user:" + user : null;
        return new AlertFacts(ruleId, ruleName, entity, severity);
    }

    /** What grouping compares: the rule id, else the rule name, else "". */
    String ruleKey() {
        return ruleId != null ? ruleId : ruleName != null ? ruleName : "";
    }

    private static String first(Object alert, String... paths) {
        for (String path : paths) {
            String value = text(field(alert, path));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The value at a dotted path, matching any split of it into nested and flattened keys. */
    static Object field(Object root, String path) {
        if (!(root instanceof Map<?, ?> map)) {
            return null;
        }
        if (map.containsKey(path)) {
            return map.get(path);
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            Object inner = map.get(path.substring(0, dot));
            if (inner != null) {
                Object found = field(inner, path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() || value instanceof Number ? String.valueOf(value) : null;
    }
}
