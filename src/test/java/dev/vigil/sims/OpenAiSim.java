package dev.vigil.sims;

import dev.vigil.model.Json;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenAI's chat completions API ({@code POST /v1/chat/completions}, {@code GET /v1/models}) in its real shapes:
 * {@code {id, object: "chat.completion", created, model, choices: [{index, message: {role, content, refusal},
 * logprobs, finish_reason}], usage: {prompt_tokens, completion_tokens, total_tokens}}}, errors as
 * {@code {error: {message, type, param, code}}}: 401 {@code invalid_api_key}, 429 {@code rate_limit_exceeded} with
 * {@code Retry-After}.
 *
 * <p>Answers are scripted per test: {@link #reply} queues answers in order; without one, a request with a
 * {@code json_schema} response format gets JSON made from its schema (first enum value, "text", 1, true ...) and
 * any other request the text {@link #DEFAULT_TEXT}. Usage counts a token per 4 characters unless a reply sets it.
 */
public final class OpenAiSim extends Simulator {

    public static final String API_KEY = "sk-test-vigil-0123456789abcdef";
    public static final String DEFAULT_TEXT = "This is a simulated answer.";

    /** One scripted answer; {@code content} null with a {@code refusal} is a refusal. */
    public record Reply(String content, String refusal, String finishReason, Long promptTokens, Long completionTokens) {
        public static Reply text(String content) {
            return new Reply(content, null, "stop", null, null);
        }

        public static Reply json(Object value) {
            return text(Json.write(value));
        }

        public static Reply refusal(String reason) {
            return new Reply(null, reason, "stop", null, null);
        }

        public Reply usage(long prompt, long completion) {
            return new Reply(content, refusal, finishReason, prompt, completion);
        }

        public Reply finishReason(String reason) {
            return new Reply(content, refusal, reason, promptTokens, completionTokens);
        }
    }

    private final Deque<Reply> replies = new ConcurrentLinkedDeque<>();
    private final AtomicInteger completions = new AtomicInteger();
    private volatile boolean keyRequired = true;
    private volatile boolean jsonSchemaSupported = true;
    private volatile boolean modelsListed = true;

    public OpenAiSim() {
        route("POST", "/v1/chat/completions", (request, path) -> {
            Response refused = unauthorized(request);
            if (refused != null) {
                return refused;
            }
            Map<String, Object> body = request.jsonObject();
            if (!(body.get("model") instanceof String model) || !(body.get("messages") instanceof List<?> messages)
                    || messages.isEmpty()) {
                return error(400, "you must provide a model parameter and a non-empty messages array",
                        "invalid_request_error", body.get("model") == null ? "model" : "messages", null);
            }
            Map<?, ?> format = body.get("response_format") instanceof Map<?, ?> f ? f : Map.of();
            if ("json_schema".equals(format.get("type")) && !jsonSchemaSupported) {
                return error(400, "response_format.type 'json_schema' is not supported by this server",
                        "invalid_request_error", "response_format", null);
            }
            Reply reply = replies.poll();
            if (reply == null) {
                reply = "json_schema".equals(format.get("type")) && format.get("json_schema") instanceof Map<?, ?> js
                        ? Reply.json(example(js.get("schema"))) : Reply.text(DEFAULT_TEXT);
            }
            return Response.json(completion(model, messages, reply));
        });
        route("GET", "/v1/models", (request, path) -> {
            Response refused = unauthorized(request);
            if (refused != null) {
                return refused;
            }
            if (!modelsListed) {
                return error(404, "Not found", "invalid_request_error", null, "unknown_url");
            }
            List<Object> data = new ArrayList<>();
            for (String id : List.of("gpt-4o-mini", "gpt-4o", "text-embedding-3-small")) {
                data.add(Map.of("id", id, "object", "model", "created", 1_715_367_049L, "owned_by", "system"));
            }
            return Response.json(Map.of("object", "list", "data", data));
        });
    }

    @Override
    public String name() {
        return "OpenAI chat completions API";
    }

    /** Queues answers, given in order to the next chat requests. */
    public OpenAiSim reply(Reply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    /** Like a local server (Ollama, vLLM): any or no API key is taken. */
    public OpenAiSim withoutKeys() {
        keyRequired = false;
        return this;
    }

    /** Like an older compatible server: a json_schema response format is refused with a 400. */
    public OpenAiSim withoutJsonSchema() {
        jsonSchemaSupported = false;
        return this;
    }

    /** Like some proxies: {@code GET /v1/models} is 404. */
    public OpenAiSim withoutModelList() {
        modelsListed = false;
        return this;
    }

    /** The chat requests received, their bodies parsed. */
    public List<Map<String, Object>> chats() {
        return requests("POST", "/v1/chat/completions").stream().map(Request::jsonObject).toList();
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        return error(429, "Rate limit reached for gpt-4o-mini in organization org-vigil on requests per min (RPM):"
                + " Limit 3, Used 3, Requested 1. Please try again in " + seconds + "s.", "requests", null,
                "rate_limit_exceeded").withHeader("Retry-After", String.valueOf(seconds));
    }

    private Response unauthorized(Request request) {
        if (!keyRequired || ("Bearer " + API_KEY).equals(request.header("authorization"))) {
            return null;
        }
        String auth = request.header("authorization");
        if (auth == null) {
            return error(401, "You didn't provide an API key. You need to provide your API key in an Authorization"
                    + " header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "invalid_request_error",
                    null, null);
        }
        String key = auth.replaceFirst("^Bearer ", "");
        String hint = key.length() > 8 ? key.substring(0, 3) + "*****" + key.substring(key.length() - 4) : "*****";
        return error(401, "Incorrect API key provided: " + hint + ". You can find your API key at"
                + " https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
    }

    private static Response error(int status, String message, String type, String param, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Response.json(status, Map.of("error", error));
    }

    private Map<String, Object> completion(String model, List<?> messages, Reply reply) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", reply.content());
        message.put("refusal", reply.refusal());
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", reply.finishReason());
        long prompt = reply.promptTokens() != null ? reply.promptTokens() : tokens(Json.write(messages));
        long completion = reply.completionTokens() != null ? reply.completionTokens()
                : tokens(reply.content() != null ? reply.content() : reply.refusal());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "chatcmpl-sim" + completions.incrementAndGet());
        body.put("object", "chat.completion");
        body.put("created", 1_767_225_600L);
        // OpenAI answers with the dated snapshot an alias points to
        body.put("model", model.equals("gpt-4o-mini") ? "gpt-4o-mini-2024-07-18" : model);
        body.put("choices", List.of(choice));
        body.put("usage", usage);
        body.put("system_fingerprint", "fp_sim");
        return body;
    }

    private static long tokens(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    /** A value that fits a (simple) JSON schema, as a model in structured-output mode would give. */
    static Object example(Object schema) {
        if (!(schema instanceof Map<?, ?> s)) {
            return "text";
        }
        if (s.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.getFirst();
        }
        Object type = s.get("type");
        if ("object".equals(type) || type == null && s.get("properties") != null) {
            Map<String, Object> value = new LinkedHashMap<>();
            if (s.get("properties") instanceof Map<?, ?> properties) {
                properties.forEach((k, v) -> value.put(String.valueOf(k), example(v)));
            }
            return value;
        }
        if ("array".equals(type) || type == null && s.get("items") != null) {
            return List.of(example(s.get("items")));
        }
        return switch (String.valueOf(type)) {
            case "integer", "number" -> 1;
            case "boolean" -> true;
            case "null" -> null;
            default -> "text";
        };
    }
}
