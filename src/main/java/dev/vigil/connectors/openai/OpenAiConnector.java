package dev.vigil.connectors.openai;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.connectors.HttpAuth;
import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Any server speaking OpenAI's chat completions API: OpenAI itself, and local or self-hosted ones (Ollama, vLLM,
 * LiteLLM, LM Studio) at another {@code baseUrl}, where the API key is optional. The AI steps ({@code ai.prompt},
 * {@code ai.classify}, {@code ai.summarize}, {@code ai.agent}) talk to models through it; as a connector step,
 * {@code openai.chat} sends one chat completion request and returns OpenAI's answer as it is.
 *
 * <p>Aliases: Kibana calls its OpenAI connector {@code .gen-ai}; {@code inference} names an inference endpoint.
 */
public final class OpenAiConnector implements ConnectorType {

    public static final String TYPE = "openai";
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    @Override
    public String id() {
        return TYPE;
    }

    @Override
    public Set<String> aliases() {
        return Set.of("gen-ai", "genai", "inference");
    }

    /** True when a connector instance's type names this type (its id or an alias, with or without Kibana's dot). */
    public boolean isTypeOf(Connector connector) {
        String type = connector.type().startsWith(".") ? connector.type().substring(1) : connector.type();
        return type.equals(TYPE) || aliases().contains(type);
    }

    @Override
    public String summary() {
        return "OpenAI or any OpenAI-compatible chat completions server (Ollama, vLLM ...); used by the ai.* steps";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.option("baseUrl", "the API root, " + DEFAULT_BASE_URL + " by default"
                        + " (Ollama: http://localhost:11434/v1)"),
                ConfigField.requiredOption("model", "the model to ask (gpt-4o-mini, llama3.1 ...)"),
                ConfigField.option("temperature", "sampling temperature when a step sets none"),
                ConfigField.option("maxTokens", "longest answer, in tokens (sent as max_tokens)"),
                ConfigField.option("organization", "OpenAI organization id (OpenAI-Organization header)"),
                ConfigField.option("apiKeyHeader", "send the key in this header instead of Authorization: Bearer"
                        + " (Azure OpenAI: api-key)"),
                ConfigField.option("default", "true: the AI connector steps use when they name none"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.secret("apiKey", "the API key; leave empty for local servers that need none"));
    }

    @Override
    public Set<String> subActions() {
        return Set.of("chat");
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        if (!"chat".equals(call.subAction())) {
            throw call.failure("unknown sub-action; " + TYPE + " has: chat");
        }
        if (!(call.param("messages") instanceof List<?> messages) || messages.isEmpty()) {
            throw call.failure("with.messages is required: a list of {role, content}");
        }
        Map<String, Object> body = new LinkedHashMap<>(call.params());
        // Vigil's spelling of max_tokens, as in the connector config
        Object maxTokens = body.remove("maxTokens");
        if (maxTokens != null) {
            body.putIfAbsent("max_tokens", maxTokens);
        }
        return complete(call, body);
    }

    /**
     * Sends one chat completion request; the connector's model, temperature and max_tokens fill in what
     * {@code body} leaves out. Returns OpenAI's answer as it is.
     */
    public static Map<String, Object> complete(ConnectorCall call, Map<String, Object> body) throws StepFailure {
        Connector c = call.connector();
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("model", c.requireOption("model"));
        sent.putAll(body);
        Double temperature = number(c, "temperature");
        if (temperature != null) {
            sent.putIfAbsent("temperature", temperature);
        }
        Double maxTokens = number(c, "maxTokens");
        if (maxTokens != null) {
            sent.putIfAbsent("max_tokens", maxTokens.longValue());
        }
        ConnectorHttp.Response response = call.http().request("POST", url(c, "chat/completions")).auth(auth(c))
                .header("OpenAI-Organization", c.option("organization")).json(sent).send();
        if (!(response.data() instanceof Map<?, ?>)) {
            throw call.failure("the server answered chat/completions without a JSON object; is "
                    + ConnectorHttp.shown(url(c, "")) + " an OpenAI-compatible API root (…/v1)?");
        }
        return response.object();
    }

    /**
     * Lists the models ({@code GET /models}); servers without that endpoint (some proxies) answer 404, and then
     * a one-token chat proves the URL, key and model instead.
     */
    @Override
    public String test(ConnectorCall call) throws StepFailure {
        Connector c = call.connector();
        String model = c.requireOption("model");
        ConnectorHttp.Response models = call.http().request("GET", url(c, "models")).auth(auth(c))
                .header("OpenAI-Organization", c.option("organization")).accept(404).send();
        if (models.status() == 404) {
            complete(call, Map.of("messages", List.of(Map.of("role", "user", "content", "ping")), "max_tokens", 1L));
            return "GET " + ConnectorHttp.shown(url(c, "models")) + " answered 404 (this server lists no models),"
                    + " so a 1-token chat with " + model + " was sent instead: it answered";
        }
        List<?> data = models.object().get("data") instanceof List<?> l ? l : List.of();
        boolean listed = data.stream().anyMatch(m -> m instanceof Map<?, ?> map && model.equals(map.get("id")));
        return "GET " + ConnectorHttp.shown(url(c, "models")) + " answered " + models.status() + " with "
                + data.size() + " models; " + model + (listed ? " is among them"
                : " is not among them (the server may still serve it under another name)");
    }

    /** The API root (default OpenAI's) with {@code path} appended. */
    static String url(Connector c, String path) {
        String base = c.option("baseUrl") == null || c.option("baseUrl").isBlank() ? DEFAULT_BASE_URL : c.option("baseUrl");
        return base.replaceAll("/+$", "") + "/" + path;
    }

    static HttpAuth auth(Connector c) {
        String key = c.secret("apiKey");
        if (key == null || key.isBlank()) {
            return HttpAuth.NONE;
        }
        KnownSecrets.add(key);
        String header = c.option("apiKeyHeader");
        return header == null || header.isBlank() ? new HttpAuth.Bearer(key) : new HttpAuth.Header(header, key);
    }

    private static Double number(Connector c, String name) throws StepFailure {
        Object value = c.config().get(name);
        return switch (value) {
            case null -> null;
            case Number n -> n.doubleValue();
            case String s when s.isBlank() -> null;
            case String s -> {
                try {
                    yield Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    throw new StepFailure("ConnectorExecutionError", "connector " + c.name() + ": config." + name
                            + " must be a number, got '" + s + "'", null);
                }
            }
            default -> throw new StepFailure("ConnectorExecutionError", "connector " + c.name() + ": config." + name
                    + " must be a number", null);
        };
    }
}
