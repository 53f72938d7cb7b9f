package dev.vigil.connectors;

import dev.vigil.model.Values;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One run of a connector action: the instance, the sub-action, the rendered params, and an HTTP client bound to
 * the step's deadline and log.
 *
 * @param subAction      {@code Y} of {@code X.Y}, or null for the step form {@code X} and for "test connection"
 * @param idempotencyKey the step's key (stable across a crash and replay), or null outside a step
 */
public record ConnectorCall(Connector connector, String subAction, Map<String, Object> params, ConnectorHttp http,
                            BiConsumer<String, String> logger, String idempotencyKey) {

    public ConnectorCall {
        params = params == null ? Map.of() : params;
    }

    /**
     * A call with an HTTP client bound to the time left and to the connector's {@code timeout} option.
     *
     * @param remaining the time the step has left, or null when unbounded
     */
    public static ConnectorCall start(java.net.http.HttpClient client, Connector connector, String subAction,
                                      Map<String, Object> params, Duration remaining, BiConsumer<String, String> logger,
                                      String idempotencyKey) {
        String action = subAction == null ? connector.type() : connector.type() + "." + subAction;
        Duration timeout = ConnectorHttp.DEFAULT_TIMEOUT;
        String option = connector.option("timeout");
        if (option != null && dev.vigil.model.Durations.isValid(option)) {
            timeout = dev.vigil.model.Durations.parse(option);
        }
        return new ConnectorCall(connector, subAction, params,
                new ConnectorHttp(client, remaining, timeout, logger, action), logger, idempotencyKey);
    }

    /** The action as workflows name it, for messages: "virustotal.scanFileHash". */
    public String action() {
        return subAction == null ? connector.type() : connector.type() + "." + subAction;
    }

    public void log(String level, String message) {
        logger.accept(level, message);
    }

    public Duration remaining() {
        return http.remaining();
    }

    // ---- params, with errors that say which step field is wrong ----

    public Object param(String name) {
        return params.get(name);
    }

    public String text(String name) throws StepFailure {
        Object value = params.get(name);
        return switch (value) {
            case null -> null;
            case String s -> s.isBlank() ? null : s;
            case Number n -> n instanceof Double d && d != Math.rint(d) ? String.valueOf(d) : String.valueOf(n.longValue());
            case Boolean b -> String.valueOf(b);
            default -> throw invalid(name, "a string", value);
        };
    }

    public String required(String name) throws StepFailure {
        String value = text(name);
        if (value == null) {
            throw new StepFailure("ConnectorExecutionError", action() + ": with." + name + " is required", null);
        }
        return value;
    }

    /** The first of several accepted spellings that is present ("channel", "channelId"). */
    public String requiredAny(String... names) throws StepFailure {
        for (String name : names) {
            String value = text(name);
            if (value != null) {
                return value;
            }
        }
        throw new StepFailure("ConnectorExecutionError", action() + ": with." + names[0] + " is required"
                + (names.length > 1 ? " (or " + String.join(", ", List.of(names).subList(1, names.length)) + ")" : ""),
                null);
    }

    public String textOr(String name, String fallback) throws StepFailure {
        String value = text(name);
        return value == null ? fallback : value;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) throws StepFailure {
        Object value = params.get(name);
        return switch (value) {
            case null -> null;
            case Map<?, ?> m -> (Map<String, Object>) m;
            default -> throw invalid(name, "an object", value);
        };
    }

    /** A list; a single value is taken as a list of one (corpus workflows write both). */
    public List<Object> list(String name) throws StepFailure {
        Object value = params.get(name);
        return switch (value) {
            case null -> null;
            case List<?> l -> List.copyOf(l.stream().map(o -> (Object) o).toList());
            case String s when s.isBlank() -> null;
            default -> List.of(value);
        };
    }

    public List<String> strings(String name) throws StepFailure {
        List<Object> values = list(name);
        if (values == null) {
            return null;
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (Object v : values) {
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                throw invalid(name, "a list of strings", v);
            }
            if (v != null) {
                out.add(String.valueOf(v));
            }
        }
        return out;
    }

    public Long number(String name) throws StepFailure {
        Object value = params.get(name);
        return switch (value) {
            case null -> null;
            case Number n -> n.longValue();
            case String s when s.strip().matches("-?\\d+") -> Long.parseLong(s.strip());
            default -> throw invalid(name, "a whole number", value);
        };
    }

    public Boolean bool(String name) throws StepFailure {
        Object value = params.get(name);
        return switch (value) {
            case null -> null;
            case Boolean b -> b;
            case String s when s.equalsIgnoreCase("true") -> true;
            case String s when s.equalsIgnoreCase("false") -> false;
            default -> throw invalid(name, "true or false", value);
        };
    }

    public StepFailure invalid(String name, String expected, Object got) {
        return new StepFailure("ConnectorExecutionError", action() + ": with." + name + " must be " + expected
                + ", got " + Values.typeName(got), null);
    }

    /** A failure of this action that is not an HTTP error (bad params, unknown sub-action ...). */
    public StepFailure failure(String message) {
        return new StepFailure("ConnectorExecutionError", action() + ": " + message, null);
    }
}
