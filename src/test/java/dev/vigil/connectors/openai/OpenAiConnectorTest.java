package dev.vigil.connectors.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.sims.OpenAiSim;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiConnectorTest {

    final OpenAiSim sim = new OpenAiSim();

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(Map<String, Object> config, Map<String, String> secrets) {
        Map<String, Object> all = new HashMap<>(config);
        all.put("baseUrl", sim.url() + "/v1/");
        all.putIfAbsent("model", "gpt-4o-mini");
        return new ConnectorKit(new OpenAiConnector(), all, secrets);
    }

    ConnectorKit kit() {
        return kit(Map.of(), Map.of("apiKey", OpenAiSim.API_KEY));
    }

    @Test
    void isRegisteredUnderItsIdAndKibanasNames() {
        ConnectorTypes types = ConnectorTypes.standard();
        for (String name : List.of("openai", "gen-ai", ".gen-ai", "genai", "inference")) {
            assertThat(types.find(name)).as(name).get().isInstanceOf(OpenAiConnector.class);
        }
    }

    @Test
    void chatPostsTheMessagesWithTheConnectorsModelAndDefaultsAndReturnsOpenAisAnswer() throws StepFailure {
        sim.reply(OpenAiSim.Reply.text("hello analyst").usage(12, 3));
        ConnectorKit kit = kit(Map.of("temperature", "0.2", "maxTokens", 300, "organization", "org-vigil"),
                Map.of("apiKey", OpenAiSim.API_KEY));
        Object output = kit.run("chat", Map.of("messages", List.of(Map.of("role", "user", "content", "hi")),
                "seed", 7));

        OpenAiSim.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + OpenAiSim.API_KEY);
        assertThat(sent.header("openai-organization")).isEqualTo("org-vigil");
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("model", "gpt-4o-mini",
                "messages", List.of(Map.of("role", "user", "content", "hi")), "seed", 7L, "temperature", 0.2,
                "max_tokens", 300L));
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) output;
        assertThat(answer).containsEntry("object", "chat.completion").containsEntry("model", "gpt-4o-mini-2024-07-18");
        assertThat(answer.get("choices")).isEqualTo(List.of(mapOf("index", 0L, "message", mapOf("role", "assistant",
                "content", "hello analyst", "refusal", null), "logprobs", null, "finish_reason", "stop")));
        assertThat(answer.get("usage")).isEqualTo(Map.of("prompt_tokens", 12L, "completion_tokens", 3L,
                "total_tokens", 15L));
    }

    @Test
    void theStepsParamsWinOverTheConnectorsDefaults() throws StepFailure {
        kit(Map.of("temperature", 0.9, "maxTokens", 300), Map.of("apiKey", OpenAiSim.API_KEY)).run("chat",
                Map.of("messages", List.of(Map.of("role", "user", "content", "hi")), "model", "gpt-4o",
                        "temperature", 0.0, "maxTokens", 5));
        assertThat(sim.lastRequest().jsonObject()).containsEntry("model", "gpt-4o").containsEntry("temperature", 0L)
                .containsEntry("max_tokens", 5L).doesNotContainKey("maxTokens");
    }

    @Test
    void aLocalServerNeedsNoKeyAndGetsNoAuthorizationHeader() throws StepFailure {
        sim.withoutKeys();
        kit(Map.of("model", "llama3.1"), Map.of()).run("chat",
                Map.of("messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(sim.lastRequest().header("authorization")).isNull();
        assertThat(sim.lastRequest().jsonObject()).containsEntry("model", "llama3.1");
    }

    @Test
    void theKeyGoesInAnotherHeaderWhenTheConnectorSaysSo() throws StepFailure {
        sim.withoutKeys();
        kit(Map.of("apiKeyHeader", "api-key"), Map.of("apiKey", "azure-key-123456")).run("chat",
                Map.of("messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(sim.lastRequest().header("api-key")).isEqualTo("azure-key-123456");
        assertThat(sim.lastRequest().header("authorization")).isNull();
    }

    @Test
    void chatWithoutMessagesFailsBeforeSendingAnything() {
        StepFailure failure = kit().fail("chat", Map.of("prompt", "hi"));
        assertThat(failure.getMessage()).isEqualTo("openai.chat: with.messages is required: a list of {role, content}");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void aWrongKeyFailsWithOpenAisMessage() {
        StepFailure failure = kit(Map.of(), Map.of("apiKey", "sk-wrong-key-000000")).fail("chat",
                Map.of("messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).contains("HTTP 401").contains("Incorrect API key provided: sk-*****0000");
        assertThat(failure.toValue()).containsEntry("statusCode", 401L);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) failure.details().get("data")).get("error");
        assertThat(error).containsEntry("code", "invalid_api_key").containsEntry("type", "invalid_request_error");
    }

    @Test
    void rateLimitsAreRetriedAfterRetryAfterAndATooLongWaitFailsAtOnce() throws StepFailure {
        sim.rateLimitNext(1, 1);
        long start = System.nanoTime();
        kit().run("chat", Map.of("messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.requests()).hasSize(2);

        sim.clearRequests();
        sim.rateLimitNext(1, 60);
        StepFailure failure = kit().remaining(Duration.ofSeconds(5)).fail("chat",
                Map.of("messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.details()).containsEntry("retryAfterSeconds", 60L).containsEntry("status", 429L);
        assertThat(String.valueOf(failure.details().get("data"))).contains("rate_limit_exceeded");
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void testConnectionListsTheModels() throws StepFailure {
        assertThat(kit().test()).endsWith("/v1/models answered 200 with 3 models; gpt-4o-mini is among them");
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("Bearer " + OpenAiSim.API_KEY);
        assertThat(kit(Map.of("model", "llama3.1"), Map.of("apiKey", OpenAiSim.API_KEY)).test())
                .endsWith("llama3.1 is not among them (the server may still serve it under another name)");
    }

    @Test
    void testConnectionFallsBackToAOneTokenChatWhenTheServerListsNoModels() throws StepFailure {
        sim.withoutModelList();
        String result = kit().test();
        assertThat(result).contains("answered 404 (this server lists no models)").contains("1-token chat with gpt-4o-mini");
        assertThat(sim.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("model", "gpt-4o-mini", "max_tokens", 1L,
                "messages", List.of(Map.of("role", "user", "content", "ping"))));
    }

    @Test
    void testConnectionFailsWithTheServicesWordsOnABadKey() {
        try {
            kit(Map.of(), Map.of("apiKey", "sk-wrong-key-000000")).test();
            throw new AssertionError("expected a failure");
        } catch (StepFailure failure) {
            assertThat(failure.getMessage()).contains("HTTP 401").contains("Incorrect API key provided");
        }
    }

    private static Map<String, Object> mapOf(Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
