package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenUsageTest {

    private static int index;

    static StepExecution step(String type, ExecutionStatus status, Object output, Map<String, Object> error,
                              boolean mocked) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        index++;
        return new StepExecution("s" + index, "e1", "step" + index, "step" + index, type, status, index, 0, at, at,
                null, output, error, null, mocked);
    }

    static Map<String, Object> usage(long prompt, long completion, long total) {
        return Map.of("metadata", Map.of("model", "m", "usage", Map.of("prompt_tokens", prompt,
                "completion_tokens", completion, "total_tokens", total)));
    }

    @Test
    void sumsTheUsageOfAiStepsIncludingFailedOnesThatSpentTokens() {
        List<StepExecution> steps = List.of(
                step("ai.prompt", ExecutionStatus.COMPLETED, usage(10, 5, 15), null, false),
                step("ai.classify", ExecutionStatus.COMPLETED, usage(100, 20, 120), null, false),
                step("ai.prompt", ExecutionStatus.FAILED, null,
                        Map.of("type", "AiOutputInvalid", "message", "m", "details", usage(7, 3, 10)), false),
                step("ai.summarize", ExecutionStatus.FAILED, null, Map.of("type", "ConnectorExecutionError",
                        "message", "HTTP 401"), false));
        assertThat(TokenUsage.of(steps)).isEqualTo(new TokenUsage(117, 28, 145));
        assertThat(TokenUsage.of(steps).toValue()).isEqualTo(Map.of("prompt", 117L, "completion", 28L, "total", 145L));
    }

    @Test
    void leavesOutOtherStepTypesAndPinnedSteps() {
        List<StepExecution> steps = List.of(
                step("http", ExecutionStatus.COMPLETED, usage(10, 5, 15), null, false),
                step("ai.prompt", ExecutionStatus.COMPLETED, usage(10, 5, 15), null, true),
                step("console", ExecutionStatus.COMPLETED, "text", null, false),
                step("ai.agent", ExecutionStatus.COMPLETED, Map.of("message", "no usage"), null, false));
        assertThat(TokenUsage.of(steps)).isEqualTo(new TokenUsage(0, 0, 0));
    }

    @Test
    void aMissingTotalIsPromptPlusCompletion() {
        StepExecution step = step("ai.prompt", ExecutionStatus.COMPLETED, Map.of("metadata", Map.of("usage",
                Map.of("prompt_tokens", 4L, "completion_tokens", 2L))), null, false);
        assertThat(TokenUsage.of(List.of(step))).isEqualTo(new TokenUsage(4, 2, 6));
    }
}
