package dev.vigil.steps.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.TokenUsage;
import dev.vigil.sims.OpenAiSim;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AiPromptStepTest {

    final AiFixture ai = new AiFixture();

    @AfterEach
    void close() {
        ai.close();
    }

    static final String ALERT_SCHEMA_WORKFLOW = """
            name: generate
            triggers: [{type: manual}]
            steps:
              - name: alerts
                type: ai.prompt
                connector-id: openai
                with:
                  prompt: Generate 2 alerts.
                  schema:
                    type: array
                    items:
                      type: object
                      additionalProperties: false
                      required: [id, severity]
                      properties:
                        id: {type: string}
                        severity: {type: string, enum: [low, high]}
            """;

    @Test
    void aPromptSendsTheSystemPromptPromptAndTemperatureAndReturnsTheTextWithMetadata() {
        ai.sim.reply(OpenAiSim.Reply.text("The stack trace points at a null config.").usage(42, 9));
        AiFixture.Run run = ai.run("""
                name: explain
                triggers: [{type: manual, inputs: [{name: trace, type: string}]}]
                steps:
                  - name: analyze
                    type: ai.prompt
                    with:
                      systemPrompt: You are a senior engineer.
                      prompt: "Explain: {{ inputs.trace }}"
                      temperature: 0.3
                  - name: show
                    type: console
                    with: {message: "{{ steps.analyze.output.content }}"}
                """, Map.of("trace", "NullPointerException at Config.load"));

        assertThat(run.record().status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(ai.chat(0)).isEqualTo(Map.of("model", "gpt-4o-mini", "temperature", 0.3, "messages", List.of(
                Map.of("role", "system", "content", "You are a senior engineer."),
                Map.of("role", "user", "content", "Explain: NullPointerException at Config.load"))));
        assertThat(ai.sim.lastRequest().header("authorization")).isEqualTo("Bearer " + OpenAiSim.API_KEY);
        assertThat(run.output("analyze")).isEqualTo(Map.of("content", "The stack trace points at a null config.",
                "metadata", Map.of("model", "gpt-4o-mini-2024-07-18", "connector", "openai", "finish_reason", "stop",
                        "usage", Map.of("prompt_tokens", 42L, "completion_tokens", 9L, "total_tokens", 51L))));
        assertThat(run.step("show").output()).isEqualTo("The stack trace points at a null config.");
        assertThat(run.logLines()).contains(
                "info ai.prompt: 51 tokens (42 prompt, 9 completion) with gpt-4o-mini-2024-07-18 via connector openai");
        assertThat(run.tokens()).isEqualTo(new TokenUsage(42, 9, 51));
    }

    @Test
    void aTemplatedConnectorIdSelectsTheConnectorAndALocalOneSendsNoKey() {
        ai.sim.withoutKeys();
        ai.connectors.add("local-llm", "openai", Map.of("baseUrl", ai.sim.url() + "/v1", "model", "llama3.1",
                "temperature", 0.1), Map.of());
        AiFixture.Run run = ai.run("""
                name: local
                triggers: [{type: manual, inputs: [{name: llm, type: string}]}]
                steps:
                  - name: ask
                    type: ai.prompt
                    connector-id: "{{ inputs.llm }}"
                    with: {prompt: hello}
                """, Map.of("llm", "local-llm"));

        assertThat(ai.chat(0)).isEqualTo(Map.of("model", "llama3.1", "temperature", 0.1,
                "messages", List.of(Map.of("role", "user", "content", "hello"))));
        assertThat(ai.sim.lastRequest().header("authorization")).isNull();
        assertThat(run.output("ask")).containsEntry("content", OpenAiSim.DEFAULT_TEXT);
        assertThat(run.output("ask").get("metadata")).asString().contains("connector=local-llm", "model=llama3.1");
    }

    @Test
    void aSchemaIsSentAsStrictJsonSchemaAndTheContentIsTheCheckedJson() {
        ai.sim.reply(OpenAiSim.Reply.json(Map.of("response", List.of(Map.of("id", "a-1", "severity", "high"),
                Map.of("id", "a-2", "severity", "low")))));
        AiFixture.Run run = ai.run(ALERT_SCHEMA_WORKFLOW);

        Map<String, Object> alert = Map.of("type", "object", "additionalProperties", false,
                "required", List.of("id", "severity"), "properties", Map.of("id", Map.of("type", "string"),
                        "severity", Map.of("type", "string", "enum", List.of("low", "high"))));
        assertThat(ai.chat(0).get("response_format")).isEqualTo(Map.of("type", "json_schema", "json_schema", Map.of(
                "name", "ai_prompt_response", "strict", true, "schema", Map.of("type", "object",
                        "properties", Map.of("response", Map.of("type", "array", "items", alert)),
                        "required", List.of("response"), "additionalProperties", false))));
        assertThat(run.output("alerts").get("content")).isEqualTo(List.of(Map.of("id", "a-1", "severity", "high"),
                Map.of("id", "a-2", "severity", "low")));
        assertThat(ai.sim.chats()).hasSize(1);
    }

    @Test
    void invalidJsonIsSentBackOnceWithTheProblemsAndTheSecondAnswerIsUsed() {
        ai.sim.reply(OpenAiSim.Reply.text("Sure! Here are the alerts: [").usage(30, 8),
                OpenAiSim.Reply.json(Map.of("response", List.of(Map.of("id", "a-1", "severity", "low")))).usage(50, 10));
        AiFixture.Run run = ai.run(ALERT_SCHEMA_WORKFLOW);

        assertThat(run.output("alerts").get("content")).isEqualTo(List.of(Map.of("id", "a-1", "severity", "low")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> retry = (List<Map<String, Object>>) ai.chat(1).get("messages");
        assertThat(retry).hasSize(3);
        assertThat(retry.get(0)).isEqualTo(Map.of("role", "user", "content", "Generate 2 alerts."));
        assertThat(retry.get(1)).isEqualTo(Map.of("role", "assistant", "content", "Sure! Here are the alerts: ["));
        assertThat((String) retry.get(2).get("content"))
                .startsWith("Your answer does not match the required JSON schema:\n- $: the answer is not valid JSON")
                .endsWith("\nAnswer again with only the corrected JSON.");
        assertThat(ai.chat(1).get("response_format")).isEqualTo(ai.chat(0).get("response_format"));
        assertThat(run.output("alerts").get("metadata")).asString()
                .contains("usage={prompt_tokens=80, completion_tokens=18, total_tokens=98}");
        assertThat(run.logLines()).anyMatch(l -> l.startsWith("warn ai.prompt: the model's answer does not match"));
    }

    @Test
    void anAnswerBreakingTheSchemaTwiceFailsWithWhereItIsWrongAndItsTokensStillCount() {
        Map<String, Object> wrong = Map.of("response", List.of(Map.of("id", "a-1", "severity", "urgent"),
                Map.of("severity", "low")));
        ai.sim.reply(OpenAiSim.Reply.json(wrong).usage(30, 8), OpenAiSim.Reply.json(wrong).usage(60, 8));
        AiFixture.Run run = ai.run(ALERT_SCHEMA_WORKFLOW);

        assertThat(run.record().status()).isEqualTo(ExecutionStatus.FAILED);
        Map<String, Object> error = run.error("alerts");
        assertThat(error).containsEntry("type", "AiOutputInvalid");
        assertThat((String) error.get("message")).startsWith("ai.prompt: the model's answer does not match the schema,"
                + " also after it was asked again: ").contains("$[0].severity").contains("$[1]").contains("id");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) error.get("details");
        assertThat((List<?>) details.get("problems")).hasSize(2);
        assertThat(details.get("content")).isEqualTo(dev.vigil.model.Json.write(wrong));
        assertThat(run.tokens()).isEqualTo(new TokenUsage(90, 16, 106));
        assertThat(ai.sim.chats()).hasSize(2);
    }

    @Test
    void aServerWithoutJsonSchemaIsAskedForAJsonObjectWithTheSchemaInTheSystemMessage() {
        ai.sim.withoutJsonSchema().reply(OpenAiSim.Reply.text(
                "```json\n{\"response\": [{\"id\": \"a-1\", \"severity\": \"high\"}]}\n```"));
        AiFixture.Run run = ai.run(ALERT_SCHEMA_WORKFLOW);

        assertThat(ai.sim.chats()).hasSize(2);
        Map<String, Object> fallback = ai.chat(1);
        assertThat(fallback.get("response_format")).isEqualTo(Map.of("type", "json_object"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) fallback.get("messages");
        assertThat(messages.get(0).get("role")).isEqualTo("system");
        assertThat((String) messages.get(0).get("content")).startsWith("Answer with one JSON object and nothing else")
                .contains("\"required\":[\"response\"]");
        assertThat(messages.get(1)).isEqualTo(Map.of("role", "user", "content", "Generate 2 alerts."));
        assertThat(run.output("alerts").get("content")).isEqualTo(List.of(Map.of("id", "a-1", "severity", "high")));
        assertThat(run.logLines()).anyMatch(l -> l.startsWith("warn ai.prompt: openai does not take the json_schema"));
    }

    @Test
    void aSchemaWithoutTypeAsTheCorpusWritesItStillWorks() {
        AiFixture.Run run = ai.run("""
                name: corpus-shape
                triggers: [{type: manual}]
                steps:
                  - name: alerts
                    type: ai.prompt
                    with:
                      prompt: Generate alerts.
                      schema:
                        items:
                          type: object
                          properties:
                            id: {type: string}
                """);
        assertThat(run.output("alerts").get("content")).isEqualTo(List.of(Map.of("id", "text")));
    }

    @Test
    void aWrongKeyFailsTheStepWithOpenAisWords() {
        ai.connectors.add("bad-key", "openai", Map.of("baseUrl", ai.sim.url() + "/v1", "model", "gpt-4o-mini"),
                Map.of("apiKey", "sk-not-the-right-one"));
        AiFixture.Run run = ai.run("""
                name: bad
                triggers: [{type: manual}]
                steps:
                  - {name: ask, type: ai.prompt, connector-id: bad-key, with: {prompt: hi}}
                """);
        assertThat(run.error("ask")).containsEntry("type", "ConnectorExecutionError").containsEntry("statusCode", 401L);
        assertThat((String) run.error("ask").get("message")).contains("HTTP 401").contains("Incorrect API key provided");
    }

    @Test
    void aRateLimitIsWaitedOutAsRetryAfterSays() {
        ai.sim.rateLimitNext(1, 1);
        AiFixture.Run run = ai.run("""
                name: limited
                triggers: [{type: manual}]
                steps:
                  - {name: ask, type: ai.prompt, with: {prompt: hi}}
                """);
        assertThat(run.output("ask")).containsEntry("content", OpenAiSim.DEFAULT_TEXT);
        assertThat(ai.sim.requests()).hasSize(2);
        assertThat(run.logLines()).anyMatch(l -> l.startsWith("warn openai.chat: POST") && l.contains("429"));
    }

    @Test
    void aRefusalFailsTheStep() {
        ai.sim.reply(OpenAiSim.Reply.refusal("I can't help with that."));
        AiFixture.Run run = ai.run("""
                name: refused
                triggers: [{type: manual}]
                steps:
                  - {name: ask, type: ai.prompt, with: {prompt: hi}}
                """);
        assertThat(run.error("ask")).containsEntry("type", "AiRefused")
                .containsEntry("message", "ai.prompt: the model refused: I can't help with that.");
    }

    @Test
    void connectorsAreCheckedBeforeAnythingIsSent() {
        ai.connectors.add("slack", "slack", Map.of(), Map.of());
        AiFixture.Run run = ai.run("""
                name: wrong
                triggers: [{type: manual}]
                steps:
                  - {name: missing, type: ai.prompt, connector-id: nope, with: {prompt: hi}, on-failure: {continue: true}}
                  - {name: slack, type: ai.prompt, connector-id: slack, with: {prompt: hi}, on-failure: {continue: true}}
                  - {name: hot, type: ai.prompt, with: {prompt: hi, temperature: 1.5}}
                """);
        assertThat(run.error("missing")).containsEntry("type", "ConnectorNotFound");
        assertThat(run.error("slack")).containsEntry("type", "ConnectorTypeMismatch").containsEntry("message",
                "ai.prompt: connector 'slack' is of type slack; AI steps need an openai connector");
        assertThat(run.error("hot")).containsEntry("message", "ai.prompt: with.temperature must be between 0 and 1, got 1.5");
        assertThat(ai.sim.requests()).isEmpty();
    }

    @Test
    void aSchemaThatIsNotJsonSchemaFailsBeforeAnythingIsSent() {
        AiFixture.Run run = ai.run("""
                name: broken
                triggers: [{type: manual}]
                steps:
                  - name: ask
                    type: ai.prompt
                    with:
                      prompt: hi
                      schema: {type: object, properties: {id: {type: strin}}}
                """);
        assertThat(run.error("ask")).containsEntry("type", "InvalidSchema");
        assertThat((String) run.error("ask").get("message"))
                .startsWith("ai.prompt: with.schema is not a valid JSON schema: $.properties.id.type");
        assertThat(ai.sim.requests()).isEmpty();
    }
}
