package dev.vigil.steps.ai;

import java.util.LinkedHashMap;
import java.util.Map;

/** Tokens one or more chat completions used, as OpenAI counts them ({@code usage} of the answer). */
record Usage(long prompt, long completion, long total) {

    static final Usage NONE = new Usage(0, 0, 0);

    /** The {@code usage} of a chat completion answer; servers that report none count as zero. */
    static Usage of(Map<String, Object> response) {
        if (!(response.get("usage") instanceof Map<?, ?> usage)) {
            return NONE;
        }
        long prompt = count(usage.get("prompt_tokens"));
        long completion = count(usage.get("completion_tokens"));
        long total = usage.get("total_tokens") instanceof Number n ? n.longValue() : prompt + completion;
        return new Usage(prompt, completion, total);
    }

    Usage plus(Usage other) {
        return new Usage(prompt + other.prompt, completion + other.completion, total + other.total);
    }

    /** OpenAI's field names, which workflows read as {@code output.metadata.usage.total_tokens}. */
    Map<String, Object> toValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("prompt_tokens", prompt);
        value.put("completion_tokens", completion);
        value.put("total_tokens", total);
        return value;
    }

    private static long count(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
