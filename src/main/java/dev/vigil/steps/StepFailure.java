package dev.vigil.steps;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A typed step failure (WORKFLOW_FORMAT.md §6.2): {@code type} ("HttpRequestError", "TimeoutError", "Error" ...),
 * a message for people, optional structured details. Serialised as {@code {type, message, details?}} plus any
 * extra top-level fields (§9.8: workflows read {@code error.status} / {@code error.statusCode} of HTTP failures).
 */
public final class StepFailure extends Exception {

    private final String type;
    private final Map<String, Object> details;
    private final Map<String, Object> extra;

    public StepFailure(String type, String message, Map<String, Object> details) {
        this(type, message, details, null);
    }

    /**
     * @param extra top-level fields added to {@link #toValue()} after {@code type} and {@code message}; they never
     *              replace {@code type}, {@code message} or {@code details}
     */
    public StepFailure(String type, String message, Map<String, Object> details, Map<String, Object> extra) {
        super(message, null, false, false);
        this.type = type;
        this.details = details;
        this.extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public StepFailure(String message) {
        this("Error", message, null);
    }

    public String type() {
        return type;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** Extra top-level fields of the serialised form; empty for most failures. */
    public Map<String, Object> extra() {
        return extra;
    }

    /** The serialised form exposed as {@code steps.<name>.error} and stored on the step record. */
    public Map<String, Object> toValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", type);
        value.put("message", getMessage());
        extra.forEach(value::putIfAbsent);
        if (details != null) {
            value.put("details", details);
        }
        return value;
    }
}
