package dev.vigil.steps.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.sims.OpenAiSim;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AiSummarizeStepTest {

    final AiFixture ai = new AiFixture();

    @AfterEach
    void close() {
        ai.close();
    }

    @Test
    void theRequestCarriesTheDataTheLengthAndTheInstructions() {
        ai.sim.reply(OpenAiSim.Reply.text("  Two failed logins from one IP.  ").usage(80, 7));
        AiFixture.Run run = ai.run("""
                name: digest
                triggers: [{type: manual}]
                consts:
                  events: [{user: bob, outcome: failure}, {user: bob, outcome: failure}]
                steps:
                  - name: summary
                    type: ai.summarize
                    with:
                      input: "${{ consts.events }}"
                      maxLength: 100
                      instructions: One sentence.
                      temperature: 0.2
                """);
        Map<String, Object> sent = ai.chat(0);
        assertThat(sent.keySet()).containsExactly("model", "messages", "temperature");
        assertThat(sent.get("temperature")).isEqualTo(0.2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) sent.get("messages");
        assertThat(messages).extracting(m -> m.get("role")).containsExactly("system", "user", "user", "user");
        assertThat((String) messages.get(0).get("content")).startsWith("You write concise, factual summaries.");
        assertThat(messages.subList(1, 4)).extracting(m -> m.get("content")).containsExactly(
                "Data to summarize:\n```json\n[{\"user\":\"bob\",\"outcome\":\"failure\"},"
                        + "{\"user\":\"bob\",\"outcome\":\"failure\"}]\n```",
                "Requirements:\n- The summary must be at most 100 characters long.",
                "Additional instructions:\nOne sentence.");
        assertThat(run.output("summary")).isEqualTo(Map.of("content", "Two failed logins from one IP.",
                "metadata", Map.of("model", "gpt-4o-mini-2024-07-18", "connector", "openai", "finish_reason", "stop",
                        "usage", Map.of("prompt_tokens", 80L, "completion_tokens", 7L, "total_tokens", 87L))));
    }

    @Test
    void aSummaryOverMaxLengthIsCutAtAWordAndSaysSo() {
        ai.sim.reply(OpenAiSim.Reply.text("Bob failed to log in twice from 10.0.0.5 within a minute."));
        AiFixture.Run run = ai.run("""
                name: digest
                triggers: [{type: manual}]
                steps:
                  - {name: summary, type: ai.summarize, with: {input: "login log", maxLength: 30}}
                """);
        assertThat(run.output("summary").get("content")).isEqualTo("Bob failed to log in twice…");
        assertThat(run.output("summary").get("metadata")).asString()
                .contains("truncated=true").contains("originalLength=57");
        assertThat(run.logLines()).contains("warn ai.summarize: the model's summary has 57 characters, over"
                + " maxLength 30; cut at a word boundary");
    }

    @Test
    void truncationKeepsWholeWordsAndTheLimit() {
        assertThat(AiSummarizeStep.truncate("short", 10)).isEqualTo("short");
        assertThat(AiSummarizeStep.truncate("one two three", 8)).isEqualTo("one two…");
        assertThat(AiSummarizeStep.truncate("one two three", 9)).isEqualTo("one two…");
        assertThat(AiSummarizeStep.truncate("unbreakableword", 6)).isEqualTo("unbre…");
        assertThat(AiSummarizeStep.truncate("ab", 1)).isEqualTo("…");
        for (int max = 1; max < 20; max++) {
            assertThat(AiSummarizeStep.truncate("The quick brown fox jumps over", max).length()).isLessThanOrEqualTo(max);
        }
    }

    @Test
    void maxLengthMustBeAWholeNumberAboveZero() {
        AiFixture.Run run = ai.run("""
                name: digest
                triggers: [{type: manual}]
                steps:
                  - {name: summary, type: ai.summarize, with: {input: "x", maxLength: 0}}
                """);
        assertThat(run.error("summary")).containsEntry("message",
                "ai.summarize: with.maxLength must be a whole number above 0, got number");
        assertThat(ai.sim.requests()).isEmpty();
    }
}
