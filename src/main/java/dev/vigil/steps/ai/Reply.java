package dev.vigil.steps.ai;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's answer to one step.
 *
 * @param text         the answer's text as the model wrote it
 * @param value        the checked JSON answer of a structured request (unwrapped), else null
 * @param model        the model that answered, as the server names it (often a dated snapshot)
 * @param usage        tokens of every request the step sent (a second one after an invalid answer included)
 * @param finishReason why the model stopped: stop, length ...
 * @param connector    the connector's name
 */
record Reply(String text, Object value, String model, Usage usage, String finishReason, String connector) {

    /** {@code output.metadata} of every AI step. */
    Map<String, Object> metadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("model", model);
        metadata.put("usage", usage.toValue());
        metadata.put("connector", connector);
        if (finishReason != null) {
            metadata.put("finish_reason", finishReason);
        }
        return metadata;
    }
}
