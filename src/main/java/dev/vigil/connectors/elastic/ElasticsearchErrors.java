package dev.vigil.connectors.elastic;

import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import java.util.List;
import java.util.Map;

/**
 * Elasticsearch's error body, {@code {"error": {"type", "reason", "root_cause": [...]}, "status"}}, read into the
 * failure message ("index_not_found_exception: no such index [x]") so that {@code steps.x.error.message} says what
 * went wrong; the whole body stays in {@code details.data}.
 */
final class ElasticsearchErrors {

    private ElasticsearchErrors() {
    }

    static StepFailure explained(StepFailure failure) {
        String reason = reason(failure.details() == null ? null : failure.details().get("data"));
        if (reason == null || failure.getMessage().contains(reason)) {
            return failure;
        }
        return new StepFailure(failure.type(), failure.getMessage() + ": " + KnownSecrets.redact(reason),
                failure.details(), failure.extra());
    }

    /** "type: reason", plus the first root cause when it says something else; null when the body is not ES's. */
    static String reason(Object data) {
        if (!(data instanceof Map<?, ?> body) || !(body.get("error") instanceof Map<?, ?> error)) {
            return null;
        }
        String text = typeAndReason(error);
        if (text == null) {
            return null;
        }
        if (error.get("root_cause") instanceof List<?> causes && !causes.isEmpty()
                && causes.getFirst() instanceof Map<?, ?> cause) {
            String root = typeAndReason(cause);
            if (root != null && !root.equals(text)) {
                text += " (root cause: " + root + ")";
            }
        }
        return text;
    }

    private static String typeAndReason(Map<?, ?> error) {
        Object type = error.get("type");
        Object reason = error.get("reason");
        if (type == null && reason == null) {
            return null;
        }
        return type == null ? String.valueOf(reason) : reason == null ? String.valueOf(type) : type + ": " + reason;
    }

    /** How many bulk response items carry an error. */
    static long bulkFailures(List<?> items) {
        return items.stream().filter(item -> item instanceof Map<?, ?> m && m.values().stream()
                .anyMatch(result -> result instanceof Map<?, ?> r && r.get("error") != null)).count();
    }
}
