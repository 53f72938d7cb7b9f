package dev.vigil.steps.ai;

import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorLookup;
import dev.vigil.connectors.openai.OpenAiConnector;
import dev.vigil.model.Json;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the AI steps share: finding the connector, sending a chat through {@link OpenAiConnector} (so timeouts,
 * Retry-After and service messages behave as for every connector), and getting valid JSON out of a model.
 *
 * <p>Structured answers: the schema goes as OpenAI's {@code json_schema} response format (strict). A server that
 * refuses that format with a 400 naming {@code response_format} or {@code json_schema} (older vLLM and Ollama, or
 * a schema that OpenAI's strict mode does not take) is asked again in {@code json_object} mode with the schema in
 * a system message. The answer is parsed and validated against the schema either way; an invalid one is sent back
 * once with the problems found, and a second invalid answer fails the step with {@code AiOutputInvalid}.
 */
final class AiClient {

    private static final OpenAiConnector OPENAI = new OpenAiConnector();
    private static final int PROBLEMS_SHOWN = 5;
    private static final int CONTENT_KEPT = 2000;

    private final Supplier<ConnectorLookup> connectors;
    private final HttpClient http;

    AiClient(Supplier<ConnectorLookup> connectors, HttpClient http) {
        this.connectors = connectors;
        this.http = http;
    }

    /** The connector the step's {@code connector-id} names (rendered by the engine), else the default one. */
    Connector connector(StepInvocation call) throws StepFailure {
        return connector(call, call.connectorId());
    }

    /** The connector named (an id or name), else (null or blank) the default {@code openai} connector. */
    Connector connector(StepInvocation call, String named) throws StepFailure {
        ConnectorLookup lookup = connectors.get();
        Connector connector = named == null || named.isBlank() ? lookup.defaultOf(OpenAiConnector.TYPE)
                : lookup.find(named);
        if (!OPENAI.isTypeOf(connector)) {
            throw new StepFailure("ConnectorTypeMismatch", call.step().type() + ": connector '" + connector.name()
                    + "' is of type " + connector.type() + "; AI steps need an " + OpenAiConnector.TYPE
                    + " connector", null);
        }
        return connector;
    }

    /** A free-text answer. */
    Reply text(StepInvocation call, Connector connector, List<Map<String, Object>> messages, Double temperature)
            throws StepFailure {
        Map<String, Object> response = send(call, connector, messages, temperature, null);
        Reply reply = reply(connector, response, Usage.of(response), content(call, connector, response), null);
        logUsage(call, reply);
        return reply;
    }

    /** A JSON answer that passes {@code output}'s check; see the class comment. */
    Reply json(StepInvocation call, Connector connector, List<Map<String, Object>> messages, Double temperature,
               StructuredOutput output) throws StepFailure {
        List<Map<String, Object>> conversation = new ArrayList<>(messages);
        Map<String, Object> format = output.responseFormat();
        Map<String, Object> response;
        try {
            response = send(call, connector, conversation, temperature, format);
        } catch (StepFailure refused) {
            if (!refusesJsonSchema(refused)) {
                throw refused;
            }
            call.log("warn", call.step().type() + ": " + connector.name() + " does not take the json_schema response"
                    + " format; asking for a JSON object with the schema in the system message instead");
            conversation.addFirst(message("system", output.instructions()));
            format = Map.of("type", "json_object");
            response = send(call, connector, conversation, temperature, format);
        }
        Usage usage = Usage.of(response);
        String text = content(call, connector, response);
        Checked checked = check(output, text);
        if (!checked.problems().isEmpty()) {
            call.log("warn", call.step().type() + ": the model's answer does not match the schema ("
                    + String.join("; ", shown(checked.problems())) + "); asking once more");
            conversation.add(message("assistant", text));
            conversation.add(message("user", "Your answer does not match the required JSON schema:\n- "
                    + String.join("\n- ", checked.problems()) + "\nAnswer again with only the corrected JSON."));
            response = send(call, connector, conversation, temperature, format);
            usage = usage.plus(Usage.of(response));
            text = content(call, connector, response);
            checked = check(output, text);
        }
        Reply reply = reply(connector, response, usage, text, output.unwrapped(checked.value()));
        logUsage(call, reply);
        if (!checked.problems().isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("problems", checked.problems());
            details.put("content", text.length() > CONTENT_KEPT ? text.substring(0, CONTENT_KEPT) + "…" : text);
            details.put("metadata", reply.metadata());
            throw new StepFailure("AiOutputInvalid", call.step().type() + ": the model's answer does not match the"
                    + " schema, also after it was asked again: " + String.join("; ", shown(checked.problems())),
                    details);
        }
        return reply;
    }

    static Map<String, Object> message(String role, String content) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", role);
        message.put("content", content);
        return message;
    }

    private record Checked(Object value, List<String> problems) {
    }

    private static Checked check(StructuredOutput output, String text) throws StepFailure {
        Object value;
        try {
            value = Json.parse(withoutFences(text));
        } catch (IllegalArgumentException e) {
            return new Checked(null, List.of("$: the answer is not valid JSON (" + e.getMessage() + ")"));
        }
        return new Checked(value, output.check().problems(value).stream().map(output::located).toList());
    }

    /** Models in JSON-object mode sometimes still wrap their answer in a Markdown code fence. */
    private static String withoutFences(String text) {
        String t = text.strip();
        if (t.startsWith("```") && t.endsWith("```") && t.length() >= 6) {
            t = t.substring(3, t.length() - 3);
            return t.startsWith("json") ? t.substring(4) : t;
        }
        return t;
    }

    private static List<String> shown(List<String> problems) {
        return problems.size() <= PROBLEMS_SHOWN ? problems : List.copyOf(problems.subList(0, PROBLEMS_SHOWN));
    }

    private Map<String, Object> send(StepInvocation call, Connector connector, List<Map<String, Object>> messages,
                                     Double temperature, Map<String, Object> format) throws StepFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", List.copyOf(messages));
        if (temperature != null) {
            body.put("temperature", temperature);
        }
        if (format != null) {
            body.put("response_format", format);
        }
        ConnectorCall chat = ConnectorCall.start(http, connector, "chat", body, call.remaining(), call::log,
                call.idempotencyKey());
        return OpenAiConnector.complete(chat, body);
    }

    /** A 400 about the response format: the server (or OpenAI's strict mode) does not take the json_schema form. */
    private static boolean refusesJsonSchema(StepFailure failure) {
        if (!"ConnectorExecutionError".equals(failure.type()) || failure.details() == null
                || !Long.valueOf(400).equals(failure.details().get("status"))) {
            return false;
        }
        Object data = failure.details().get("data");
        if (data instanceof Map<?, ?> body && body.get("error") instanceof Map<?, ?> error
                && "response_format".equals(error.get("param"))) {
            return true;
        }
        String text = data instanceof String s ? s : Json.write(data);
        return text.contains("response_format") || text.contains("json_schema");
    }

    /** {@code choices[0].message.content}; a refusal or an answer without content fails the step. */
    private static String content(StepInvocation call, Connector connector, Map<String, Object> response)
            throws StepFailure {
        Map<?, ?> message = response.get("choices") instanceof List<?> choices && !choices.isEmpty()
                && choices.getFirst() instanceof Map<?, ?> choice && choice.get("message") instanceof Map<?, ?> m ? m : null;
        if (message != null && message.get("refusal") instanceof String refusal && !refusal.isBlank()) {
            throw new StepFailure("AiRefused", call.step().type() + ": the model refused: " + refusal,
                    Map.of("metadata", reply(connector, response, Usage.of(response), "", null).metadata()));
        }
        Object content = message == null ? null : message.get("content");
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof List<?> parts) {
            // some compatible servers answer with content parts [{type: text, text}]
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof Map<?, ?> p && p.get("text") instanceof String s) {
                    text.append(s);
                }
            }
            return text.toString();
        }
        throw new StepFailure("AiResponseInvalid", call.step().type() + ": " + connector.name() + " answered without"
                + " choices[0].message.content", Map.of("data", response));
    }

    private static Reply reply(Connector connector, Map<String, Object> response, Usage usage, String text,
                               Object value) {
        String finish = response.get("choices") instanceof List<?> choices && !choices.isEmpty()
                && choices.getFirst() instanceof Map<?, ?> choice && choice.get("finish_reason") instanceof String f
                ? f : null;
        String model = response.get("model") instanceof String m ? m : connector.option("model");
        return new Reply(text, value, model, usage, finish, connector.name());
    }

    /** The one info line per AI step with its token counts. */
    private static void logUsage(StepInvocation call, Reply reply) {
        Usage u = reply.usage();
        call.log("info", call.step().type() + ": " + u.total() + " tokens (" + u.prompt() + " prompt, "
                + u.completion() + " completion) with " + reply.model() + " via connector " + reply.connector());
        if ("length".equals(reply.finishReason())) {
            call.log("warn", call.step().type() + ": the answer was cut off at the connector's max tokens");
        }
    }
}
