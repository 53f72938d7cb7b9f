package dev.vigil.alert;

import dev.vigil.model.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code event} of an alert-triggered run (WORKFLOW_FORMAT.md §6.4):
 * {@code {alerts: [alert...], rule: {id, name, tags, consumer, producer, ruleTypeId}, params, spaceId}}. Alert
 * documents are turned into nested objects ({@code "kibana.alert.severity": "high"} becomes
 * {@code kibana.alert.severity} as a path), since workflows read them as paths.
 */
public final class AlertEvents {

    private AlertEvents() {
    }

    /**
     * Accepts a full event ({@code {alerts: [...], rule?, params?}}), a list of alert documents, or one alert
     * document, and returns the event.
     */
    public static Map<String, Object> from(Object payload) {
        Map<String, Object> event = new LinkedHashMap<>();
        List<Object> alerts = new ArrayList<>();
        Map<String, Object> rule = null;
        Object params = null;
        Object spaceId = null;
        switch (Values.normalize(payload)) {
            case Map<?, ?> map when map.get("alerts") instanceof List<?> list -> {
                list.forEach(a -> alerts.add(nested(a)));
                rule = map.get("rule") instanceof Map<?, ?> r ? Values.normalizeMap(r) : null;
                params = map.get("params");
                spaceId = map.get("spaceId");
                map.forEach((k, v) -> {
                    if (!List.of("alerts", "rule", "params", "spaceId").contains(String.valueOf(k))) {
                        event.put(String.valueOf(k), v);
                    }
                });
            }
            case List<?> list -> list.forEach(a -> alerts.add(nested(a)));
            case Map<?, ?> single -> alerts.add(nested(single));
            case null, default -> throw new IllegalArgumentException(
                    "an alert event must be a JSON object (one alert, or {alerts: [...]}) or an array of alerts");
        }
        event.put("alerts", alerts);
        event.put("rule", rule != null ? rule : ruleOf(alerts));
        event.put("params", params != null ? params : new LinkedHashMap<>());
        event.put("spaceId", spaceId != null ? spaceId : "default");
        return event;
    }

    /** A rule summary from the first alert's {@code kibana.alert.rule.*} fields. */
    private static Map<String, Object> ruleOf(List<Object> alerts) {
        Map<String, Object> rule = new LinkedHashMap<>();
        Object source = alerts.isEmpty() ? null : path(alerts.getFirst(), "kibana", "alert", "rule");
        Map<?, ?> r = source instanceof Map<?, ?> m ? m : Map.of();
        rule.put("id", r.get("uuid") != null ? r.get("uuid") : r.get("rule_id"));
        rule.put("name", r.get("name"));
        rule.put("tags", r.get("tags") instanceof List<?> tags ? tags : List.of());
        rule.put("consumer", r.get("consumer"));
        rule.put("producer", r.get("producer"));
        rule.put("ruleTypeId", r.get("rule_type_id"));
        return rule;
    }

    private static Object path(Object root, String... keys) {
        Object current = root;
        for (String key : keys) {
            current = current instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return current;
    }

    /** Expands dotted keys into nested maps; nested maps are expanded too. A key already nested wins no conflict: later keys merge in. */
    public static Object nested(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Values.normalize(value);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            Object expanded = nested(v);
            if (key.startsWith("@") || key.startsWith("_") || !key.contains(".")) {
                merge(result, key, expanded);
                return;
            }
            String[] parts = key.split("\\.");
            Map<String, Object> target = result;
            for (int i = 0; i < parts.length - 1; i++) {
                Object next = target.get(parts[i]);
                if (!(next instanceof Map<?, ?>)) {
                    next = new LinkedHashMap<String, Object>();
                    target.put(parts[i], next);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) next;
                target = child;
            }
            merge(target, parts[parts.length - 1], expanded);
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, String key, Object value) {
        if (target.get(key) instanceof Map<?, ?> existing && value instanceof Map<?, ?> incoming) {
            Map<String, Object> into = (Map<String, Object>) existing;
            incoming.forEach((k, v) -> merge(into, String.valueOf(k), v));
        } else {
            target.put(key, value);
        }
    }
}
