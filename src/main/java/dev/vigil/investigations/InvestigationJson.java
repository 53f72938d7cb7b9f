package dev.vigil.investigations;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Investigations and timeline entries as the API answers with them and the store keeps them. */
public final class InvestigationJson {

    private InvestigationJson() {
    }

    public static Map<String, Object> toValue(Investigation i) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", i.id());
        json.put("title", i.title());
        json.put("status", i.status().id());
        json.put("priority", i.priority().id());
        json.put("assignee", i.assignee());
        json.put("ruleId", i.ruleId());
        json.put("ruleName", i.ruleName());
        json.put("ruleKey", i.ruleKey());
        json.put("entity", i.entity());
        json.put("alertIds", i.alertIds());
        json.put("indicators", i.indicators().stream()
                .map(ioc -> Map.of("type", ioc.type(), "value", ioc.value())).toList());
        json.put("createdAt", i.createdAt().toString());
        json.put("updatedAt", i.updatedAt().toString());
        json.put("lastAlertAt", i.lastAlertAt().toString());
        json.put("version", i.version());
        return json;
    }

    public static Investigation fromValue(Map<?, ?> json) {
        List<Investigation.Indicator> indicators = ((List<?>) json.get("indicators")).stream()
                .map(m -> (Map<?, ?>) m)
                .map(m -> new Investigation.Indicator((String) m.get("type"), (String) m.get("value"))).toList();
        return new Investigation((String) json.get("id"), (String) json.get("title"),
                InvestigationStatus.parse((String) json.get("status")), Priority.parse((String) json.get("priority")),
                (String) json.get("assignee"), (String) json.get("ruleId"), (String) json.get("ruleName"),
                (String) json.get("ruleKey"), (String) json.get("entity"),
                ((List<?>) json.get("alertIds")).stream().map(String.class::cast).toList(), indicators,
                Instant.parse((String) json.get("createdAt")), Instant.parse((String) json.get("updatedAt")),
                Instant.parse((String) json.get("lastAlertAt")), ((Number) json.get("version")).intValue());
    }

    public static Map<String, Object> toValue(TimelineEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", entry.at().toString());
        json.put("actor", entry.actor());
        json.put("kind", entry.kind().id());
        json.put("text", entry.text());
        json.put("refs", new TreeMap<>(entry.refs()));
        return json;
    }

    public static TimelineEntry entryFromValue(Map<?, ?> json) {
        Map<String, String> refs = new LinkedHashMap<>();
        ((Map<?, ?>) json.get("refs")).forEach((k, v) -> refs.put((String) k, (String) v));
        return new TimelineEntry(Instant.parse((String) json.get("at")), (String) json.get("actor"),
                TimelineEntry.Kind.parse((String) json.get("kind")), (String) json.get("text"), refs);
    }
}
