package dev.vigil.steps.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.sims.OpenAiSim;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AiAgentStepTest {

    final AiFixture ai = new AiFixture();

    @AfterEach
    void close() {
        ai.close();
    }

    @Test
    void theMessageAndAttachmentsGoInOneUserMessageAndTheAnswerComesBackAsMessage() {
        ai.sim.reply(OpenAiSim.Reply.text("Isolate wks-7.").usage(200, 4));
        AiFixture.Run run = ai.run("""
                name: ask-agent
                triggers: [{type: manual}]
                steps:
                  - name: agent
                    type: ai.agent
                    agent-id: elastic-ai-agent
                    with:
                      message: What should we do?
                      attachments: [{type: alert, data: {host: wks-7}}]
                """);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) ai.chat(0).get("messages");
        assertThat(ai.chat(0).keySet()).containsExactly("model", "messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("role")).isEqualTo("system");
        assertThat((String) messages.get(0).get("content")).contains("You have no tools");
        assertThat(messages.get(1)).isEqualTo(Map.of("role", "user", "content", "What should we do?\n\nAttachments:\n"
                + "```json\n[{\"type\":\"alert\",\"data\":{\"host\":\"wks-7\"}}]\n```"));
        assertThat(run.output("agent")).isEqualTo(Map.of("message", "Isolate wks-7.", "metadata", Map.of(
                "model", "gpt-4o-mini-2024-07-18", "connector", "openai", "finish_reason", "stop",
                "agent_id", "elastic-ai-agent",
                "usage", Map.of("prompt_tokens", 200L, "completion_tokens", 4L, "total_tokens", 204L))));
    }

    @Test
    void aConversationIsKeptAndALaterStepGoesOnWithIt() {
        ai.sim.reply(OpenAiSim.Reply.text("Hello, how can I help?"), OpenAiSim.Reply.text("You said hi."));
        AiFixture.Run run = ai.run("""
                name: converse
                triggers: [{type: manual}]
                steps:
                  - name: first
                    type: ai.agent
                    create-conversation: true
                    with: {message: hi}
                  - name: second
                    type: ai.agent
                    with:
                      message: What did I say?
                      conversation_id: "{{ steps.first.output.conversation_id }}"
                """);
        String id = (String) run.output("first").get("conversation_id");
        assertThat(id).isNotBlank();
        assertThat(run.output("second")).containsEntry("conversation_id", id).containsEntry("message", "You said hi.");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) ai.chat(1).get("messages");
        assertThat(messages.subList(1, messages.size())).isEqualTo(List.of(
                Map.of("role", "user", "content", "hi"),
                Map.of("role", "assistant", "content", "Hello, how can I help?"),
                Map.of("role", "user", "content", "What did I say?")));
    }

    @Test
    void withoutAConversationNoneIsKeptAndAnUnknownOneStartsAfresh() {
        AiFixture.Run run = ai.run("""
                name: converse
                triggers: [{type: manual}]
                steps:
                  - {name: once, type: ai.agent, create-conversation: false, with: {message: hi}}
                  - {name: lost, type: ai.agent, with: {message: again, conversation_id: conv-from-before-a-restart}}
                """);
        assertThat(run.output("once")).doesNotContainKey("conversation_id");
        assertThat(run.output("lost")).containsEntry("conversation_id", "conv-from-before-a-restart");
        assertThat(((List<?>) ai.chat(1).get("messages"))).hasSize(2);
        assertThat(run.logLines()).contains("warn ai.agent: conversation conv-from-before-a-restart is not known"
                + " (conversations are kept in memory only, and not across restarts); starting it afresh");
    }

    @Test
    void aSchemaGivesStructuredOutput() {
        ai.sim.reply(OpenAiSim.Reply.json(Map.of("response", Map.of("disposition", "malicious", "confidence", 0.9))));
        AiFixture.Run run = ai.run("""
                name: verdict
                triggers: [{type: manual}]
                steps:
                  - name: agent
                    type: ai.agent
                    with:
                      message: Decide.
                      schema:
                        type: object
                        additionalProperties: false
                        required: [disposition, confidence]
                        properties:
                          disposition: {type: string, enum: [benign, malicious]}
                          confidence: {type: number}
                """);
        assertThat(run.output("agent").get("structured_output"))
                .isEqualTo(Map.of("disposition", "malicious", "confidence", 0.9));
        assertThat(run.output("agent").get("message")).asString().contains("\"disposition\":\"malicious\"");
        assertThat(ai.chat(0).get("response_format")).asString().contains("name=agent_response");
    }

    @Test
    void inferenceIdNamesTheConnectorButNotTogetherWithConnectorId() {
        ai.connectors.add("my-endpoint", "inference", Map.of("baseUrl", ai.sim.url() + "/v1", "model", "gpt-4o"),
                Map.of("apiKey", OpenAiSim.API_KEY));
        AiFixture.Run run = ai.run("""
                name: inference
                triggers: [{type: manual}]
                steps:
                  - {name: via, type: ai.agent, inference-id: my-endpoint, with: {message: hi}}
                  - {name: both, type: ai.agent, inference-id: my-endpoint, connector-id: openai, with: {message: hi}}
                """);
        assertThat(run.output("via").get("metadata")).asString().contains("connector=my-endpoint");
        assertThat(ai.chat(0).get("model")).isEqualTo("gpt-4o");
        assertThat(run.error("both")).containsEntry("message", "ai.agent: give connector-id or inference-id, not both");
    }
}
