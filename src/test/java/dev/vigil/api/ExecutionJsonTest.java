package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.StepExecution;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionJsonTest {

    @Test
    void theDetailCarriesTheTokensOfItsAiSteps() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        ExecutionRecord execution = new ExecutionRecord("e1", "w1", "triage", ExecutionStatus.COMPLETED, "manual",
                "tester", false, at, at, at, Map.of(), null, null, null, null);
        StepExecution classify = new StepExecution("s1", "e1", "kind", "kind", "ai.classify", ExecutionStatus.COMPLETED,
                0, 0, at, at, null, Map.of("category", "phishing", "metadata", Map.of("usage", Map.of(
                "prompt_tokens", 120L, "completion_tokens", 14L, "total_tokens", 134L))), null, null, false);
        StepExecution note = new StepExecution("s2", "e1", "note", "note", "console", ExecutionStatus.COMPLETED,
                1, 0, at, at, null, "done", null, null, false);

        Map<String, Object> detail = ExecutionJson.detail(execution, List.of(classify, note), true);
        assertThat(detail.get("tokenUsage")).isEqualTo(Map.of("prompt", 120L, "completion", 14L, "total", 134L));
        assertThat(ExecutionJson.detail(execution, List.of(note), true).get("tokenUsage"))
                .isEqualTo(Map.of("prompt", 0L, "completion", 0L, "total", 0L));
    }
}
