package dev.vigil.connectors;

import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Runs connector steps (WORKFLOW_FORMAT.md §3.12): type {@code X} runs connector type {@code X} with no sub-action,
 * {@code X.Y} runs sub-action {@code Y}; the rendered {@code with} is the params and the action's value the output.
 * The instance is the one {@code connector-id} names, or for families that need none ({@code elasticsearch.*},
 * {@code kibana.*}) the default instance of the type. {@code X} may be a type's alias ({@code slack2}).
 */
public final class ConnectorSteps {

    private ConnectorSteps() {
    }

    /** The dispatcher to register with {@code StepRegistry.Builder.connectors}. */
    public static StepDefinition dispatcher(Supplier<? extends ConnectorLookup> lookup, ConnectorTypes types,
                                            HttpClient http) {
        return StepDefinition.of("connector", "Runs a connector action (X or X.Y with connector-id)",
                call -> run(call, lookup.get(), types, http)).asExternal();
    }

    static Object run(StepInvocation call, ConnectorLookup lookup, ConnectorTypes types, HttpClient http)
            throws StepFailure {
        String stepType = call.step().type();
        int dot = stepType.indexOf('.');
        String family = dot < 0 ? stepType : stepType.substring(0, dot);
        String subAction = dot < 0 ? null : stepType.substring(dot + 1);
        ConnectorType type = types.find(family).orElseThrow(() -> new StepFailure("ConnectorNotConfigured",
                "step " + call.step().name() + " of type '" + stepType + "': Vigil has no '" + family
                        + "' connector type (it has " + ids(types) + "); pin its output with --mock or run with"
                        + " --offline", null));
        String connectorId = call.connectorId();
        Connector connector = connectorId == null || connectorId.isEmpty() ? lookup.defaultOf(type.id())
                : lookup.find(connectorId);
        if (!connector.type().equals(type.id())) {
            throw new StepFailure("ConnectorExecutionError", "step " + call.step().name() + " of type '" + stepType
                    + "' needs a " + type.id() + " connector, but '" + connector.name() + "' is a "
                    + connector.type() + " connector", null);
        }
        if (subAction == null ? !type.acceptsNoSubAction() : !type.acceptsSubAction(subAction)) {
            throw new StepFailure("ConnectorExecutionError", "step " + call.step().name() + ": " + type.id()
                    + " connectors have " + (subAction == null ? "no action without a sub-action"
                    : "no sub-action '" + subAction + "'") + "; they have " + actions(family, type), null);
        }
        Map<String, Object> params = call.with();
        return type.execute(ConnectorCall.start(http, connector, subAction, params, call.remaining(), call::log,
                call.idempotencyKey()));
    }

    private static String ids(ConnectorTypes types) {
        return String.join(", ", types.all().stream().map(ConnectorType::id).sorted().toList());
    }

    private static String actions(String family, ConnectorType type) {
        TreeSet<String> all = new TreeSet<>();
        type.subActions().forEach(s -> all.add(family + "." + s));
        if (type.acceptsNoSubAction()) {
            all.add(family);
        }
        return all.isEmpty() ? "none" : String.join(", ", List.copyOf(all));
    }
}
