package dev.vigil.connectors.elasticdefend;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code parameters} object of a response action, from {@code with.parameters} (Kibana's shape) or from the
 * same keys written at the top of {@code with} ({@code pid}, {@code entity_id}, {@code command}, {@code timeout}).
 * Checked here because Kibana's own answer to a wrong one ("[request body.parameters]: types that failed
 * validation ...") does not say what to write.
 */
final class ActionParameters {

    private ActionParameters() {
    }

    /** The parameters for the call's sub-action, or null for actions that take none (isolate, release). */
    static Map<String, Object> of(ConnectorCall call) throws StepFailure {
        return switch (call.subAction()) {
            case "killProcess" -> process(call);
            case "execute" -> command(call);
            default -> null;
        };
    }

    private static Map<String, Object> process(ConnectorCall call) throws StepFailure {
        Map<String, Object> given = given(call);
        Object pid = given.containsKey("pid") ? given.get("pid") : call.param("pid");
        Object entityId = given.containsKey("entity_id") ? given.get("entity_id") : call.param("entity_id");
        Object processName = given.containsKey("process_name") ? given.get("process_name") : call.param("process_name");
        int named = (pid == null ? 0 : 1) + (entityId == null ? 0 : 1) + (processName == null ? 0 : 1);
        if (named != 1) {
            throw call.failure("give exactly one of with.parameters.pid, with.parameters.entity_id or"
                    + " with.parameters.process_name (SentinelOne agents only); got " + named);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (pid != null) {
            parameters.put("pid", wholeNumber(call, "pid", pid));
        } else if (entityId != null) {
            parameters.put("entity_id", String.valueOf(entityId));
        } else {
            parameters.put("process_name", String.valueOf(processName));
        }
        return parameters;
    }

    private static Map<String, Object> command(ConnectorCall call) throws StepFailure {
        Map<String, Object> given = given(call);
        Object command = given.containsKey("command") ? given.get("command") : call.param("command");
        if (!(command instanceof String text) || text.isBlank()) {
            throw call.failure("with.parameters.command is required (the shell command to run on the host)");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("command", text);
        Object timeout = given.containsKey("timeout") ? given.get("timeout") : call.param("timeout");
        if (timeout != null) {
            parameters.put("timeout", wholeNumber(call, "timeout", timeout));
        }
        return parameters;
    }

    private static Map<String, Object> given(ConnectorCall call) throws StepFailure {
        Map<String, Object> given = call.map("parameters");
        return given == null ? Map.of() : given;
    }

    private static Long wholeNumber(ConnectorCall call, String name, Object value) throws StepFailure {
        return switch (value) {
            case Number n when n.doubleValue() == Math.rint(n.doubleValue()) -> n.longValue();
            case String s when s.strip().matches("\\d+") -> Long.parseLong(s.strip());
            default -> throw call.invalid("parameters." + name, "a whole number", value);
        };
    }
}
