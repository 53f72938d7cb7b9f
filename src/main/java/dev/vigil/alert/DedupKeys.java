package dev.vigil.alert;

import dev.vigil.model.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The default dedup key of an alert event: a SHA-256 of the rule id and the identity of each alert in it. An
 * alert's identity is its {@code kibana.alert.uuid} (Kibana keeps it for the life of an alert, across the rule's
 * runs), else its {@code id}, else its {@code _id}; an alert with none of them is identified by its canonical JSON
 * (keys sorted at every level), so the same document sent twice is the same alert whatever its key order.
 */
public final class DedupKeys {

    private DedupKeys() {
    }

    /** @param event an event as {@link AlertEvents#from} builds it */
    public static String of(Map<String, Object> event) {
        List<String> parts = new ArrayList<>();
        parts.add("rule:" + (AlertFields.ruleId(event) == null ? "" : AlertFields.ruleId(event)));
        if (event.get("alerts") instanceof List<?> alerts) {
            for (Object alert : alerts) {
                parts.add(identity(alert));
            }
        }
        return sha256(String.join("\n", parts));
    }

    private static String identity(Object alert) {
        for (Object id : new Object[] {AlertFields.path(alert, "kibana", "alert", "uuid"),
                AlertFields.path(alert, "id"), AlertFields.path(alert, "_id")}) {
            if (id instanceof String || id instanceof Number) {
                return "id:" + id;
            }
        }
        return "json:" + Json.write(canonical(alert));
    }

    /** The value with every object's keys sorted, so equal documents give equal text. */
    static Object canonical(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
                yield sorted;
            }
            case List<?> list -> list.stream().map(DedupKeys::canonical).toList();
            case null, default -> value;
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
