package dev.vigil.cases;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A case as a JSON value, Kibana-like (snake_case audit fields, {@code assignees: [{uid}]}, {@code totalComment}):
 * what steps output, the API answers and the store keeps. {@link #fromValue} reads back what {@link #toValue} wrote.
 */
public final class CaseJson {

    private CaseJson() {
    }

    public static Map<String, Object> toValue(Case c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id());
        json.put("version", (long) c.version());
        json.put("title", c.title());
        json.put("description", c.description());
        json.put("status", c.status().id());
        json.put("severity", c.severity().id());
        json.put("owner", c.owner());
        json.put("tags", c.tags());
        json.put("assignees", c.assignees().stream().map(uid -> Map.of("uid", uid)).toList());
        json.put("alerts", c.alerts().stream().map(CaseJson::alert).toList());
        json.put("observables", c.observables().stream().map(CaseJson::observable).toList());
        json.put("comments", c.comments().stream().map(CaseJson::comment).toList());
        json.put("totalComment", (long) c.comments().size());
        json.put("totalAlerts", (long) c.alerts().size());
        json.put("created_at", c.createdAt().toString());
        json.put("created_by", c.createdBy());
        json.put("updated_at", c.updatedAt().toString());
        json.put("updated_by", c.updatedBy());
        return json;
    }

    public static Case fromValue(Map<?, ?> json) {
        return new Case(text(json, "id"), text(json, "title"), text(json, "description"),
                CaseStatus.parse(text(json, "status")), CaseSeverity.parse(text(json, "severity")),
                text(json, "owner"), strings(list(json, "tags")),
                list(json, "assignees").stream().map(a -> text((Map<?, ?>) a, "uid")).toList(),
                list(json, "alerts").stream().map(a -> alert((Map<?, ?>) a)).toList(),
                list(json, "observables").stream().map(o -> observable((Map<?, ?>) o)).toList(),
                list(json, "comments").stream().map(m -> comment((Map<?, ?>) m)).toList(),
                ((Number) json.get("version")).intValue(), Instant.parse(text(json, "created_at")),
                text(json, "created_by"), Instant.parse(text(json, "updated_at")), text(json, "updated_by"));
    }

    private static Map<String, Object> alert(Case.Alert alert) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("alertId", alert.alertId());
        json.put("index", alert.index());
        if (alert.rule() != null) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", alert.rule().id());
            rule.put("name", alert.rule().name());
            json.put("rule", rule);
        }
        return json;
    }

    /** An alert as given to a step or the API: {@code {alertId, index, rule?{id, name}}}. */
    public static Case.Alert alert(Map<?, ?> json) {
        Object rule = json.get("rule");
        return new Case.Alert(text(json, "alertId"), text(json, "index"), rule instanceof Map<?, ?> r
                ? new Case.Rule(text(r, "id"), text(r, "name")) : null);
    }

    private static Map<String, Object> observable(Case.Observable observable) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("typeKey", observable.typeKey());
        json.put("value", observable.value());
        if (observable.description() != null) {
            json.put("description", observable.description());
        }
        return json;
    }

    /** An observable as given: {@code {typeKey, value, description?}}. */
    public static Case.Observable observable(Map<?, ?> json) {
        return new Case.Observable(text(json, "typeKey"), text(json, "value"), text(json, "description"));
    }

    private static Map<String, Object> comment(Case.Comment comment) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", comment.id());
        json.put("type", "user");
        json.put("comment", comment.comment());
        json.put("created_by", comment.createdBy());
        json.put("created_at", comment.createdAt().toString());
        return json;
    }

    private static Case.Comment comment(Map<?, ?> json) {
        return new Case.Comment(text(json, "id"), text(json, "comment"), text(json, "created_by"),
                Instant.parse(text(json, "created_at")));
    }

    private static String text(Map<?, ?> json, String key) {
        Object value = json.get(key);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("'" + key + "' must be text, not " + value);
        }
        return (String) value;
    }

    private static List<?> list(Map<?, ?> json, String key) {
        Object value = json.get(key);
        return value instanceof List<?> l ? l : List.of();
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(String::valueOf).toList();
    }
}
