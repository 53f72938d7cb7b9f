package dev.vigil.steps;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A typed step failure (WORKFLOW_FORMAT.md §6.2): {@code type} ("HttpRequestError", "TimeoutError", "Error" ...),
 * a message for people, optional structured details. Serialised as {@code {type, message, details?}}.
 */
public final class StepFailure extends Exception {

    private final String type;
    private final Map<String, Object> details;

    public StepFailure(String type, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.type = type;
        this.details = details;
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

    /** The serialised form exposed as {@code steps.<name>.error} and stored on the step record. */
    public Map<String, Object> toValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", type);
        value.put("message", getMessage());
        if (details != null) {
            value.put("details", details);
        }
        return value;
    }
}
