package dev.vigil.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model tokens one execution used: the sum of {@code metadata.usage} over its AI steps ({@code ai.*}), read
 * from their outputs, or from {@code error.details.metadata.usage} of AI steps that failed after the model had
 * answered (an invalid structured answer still costs tokens). Pinned and offline steps spent nothing and are left
 * out. Computed when an execution is read, so nothing new is stored.
 */
public record TokenUsage(long prompt, long completion, long total) {

    public static TokenUsage of(List<StepExecution> steps) {
        long prompt = 0;
        long completion = 0;
        long total = 0;
        for (StepExecution step : steps) {
            if (step.type() == null || !step.type().startsWith("ai.") || step.mocked()) {
                continue;
            }
            Map<?, ?> usage = usage(step);
            if (usage != null) {
                long p = count(usage.get("prompt_tokens"));
                long c = count(usage.get("completion_tokens"));
                prompt += p;
                completion += c;
                total += usage.get("total_tokens") instanceof Number n ? n.longValue() : p + c;
            }
        }
        return new TokenUsage(prompt, completion, total);
    }

    public Map<String, Object> toValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("prompt", prompt);
        value.put("completion", completion);
        value.put("total", total);
        return value;
    }

    private static Map<?, ?> usage(StepExecution step) {
        Object holder = step.output();
        if (holder == null && step.error() != null && step.error().get("details") instanceof Map<?, ?> details) {
            holder = details;
        }
        return holder instanceof Map<?, ?> m && m.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("usage") instanceof Map<?, ?> usage ? usage : null;
    }

    private static long count(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
