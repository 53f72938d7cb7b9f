package dev.vigil.connectors.crowdstrike;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CrowdStrike Falcon host containment and lookup, and killing a process through Real Time Response.
 *
 * <p>Besides its own sub-actions it answers to the sub-actions of Kibana's {@code .crowdstrike} connector
 * ({@code hostActions}, {@code getAgentDetails}, {@code getAgentOnlineStatus}) with their parameters and outputs, so
 * workflows written for Kibana run unchanged. Falcon takes no idempotency key; containing a contained host or lifting
 * a lifted one is harmless, so a replayed step does no damage.
 */
public final class CrowdStrikeConnector implements ConnectorType {

    /** How often Real Time Response is asked whether a command has finished. */
    public static final Duration RTR_POLL_INTERVAL = Duration.ofSeconds(2);

    private final Duration rtrPollInterval;

    /** @param rtrPollInterval {@link #RTR_POLL_INTERVAL}; tests pass less */
    public CrowdStrikeConnector(Duration rtrPollInterval) {
        this.rtrPollInterval = rtrPollInterval;
    }

    @Override
    public String id() {
        return "crowdstrike";
    }

    @Override
    public String summary() {
        return "CrowdStrike Falcon: contain or release a host, look hosts up, kill a process via Real Time Response";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.option("baseUrl", "the Falcon API of your cloud (default " + FalconApi.DEFAULT_URL
                        + "; https://api.us-2.crowdstrike.com, https://api.eu-1.crowdstrike.com ...)"),
                ConfigField.requiredOption("clientId", "the API client's id (scopes: Hosts read/write; Real time"
                        + " response read/write for killProcess)"),
                ConfigField.option("memberCid", "a child CID, for Flight Control parents acting on a child"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.requiredSecret("clientSecret", "the API client's secret"));
    }

    @Override
    public Set<String> subActions() {
        return Set.of("containHost", "liftContainment", "getDevice", "findDevice", "killProcess",
                "hostActions", "getAgentDetails", "getAgentOnlineStatus");
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        FalconApi api = new FalconApi(call);
        return switch (call.subAction()) {
            case "containHost" -> hostAction(api, call, "contain", deviceIds(call), null);
            case "liftContainment" -> hostAction(api, call, "lift_containment", deviceIds(call), null);
            case "hostActions" -> hostAction(api, call, call.required("command"), deviceIds(call),
                    call.map("actionParameters"));
            case "getDevice" -> device(api, call);
            case "getAgentDetails" -> api.checked(api.request("GET", FalconApi.repeated(
                    "/devices/entities/devices/v2", "ids", deviceIds(call))).send());
            case "getAgentOnlineStatus" -> api.checked(api.request("GET", FalconApi.repeated(
                    "/devices/entities/online-state/v1", "ids", deviceIds(call))).send());
            case "findDevice" -> find(api, call);
            case "killProcess" -> new RealTimeResponse(api, call, rtrPollInterval).kill(
                    call.requiredAny("device_id", "id"), pid(call),
                    Duration.ofSeconds(call.number("waitSeconds") == null ? 30 : call.number("waitSeconds")));
            default -> throw call.failure("unknown sub-action; use one of " + subActions());
        };
    }

    @Override
    public String test(ConnectorCall call) throws StepFailure {
        FalconApi api = new FalconApi(call);
        Map<String, Object> body = api.checked(api.request("GET", "/devices/queries/devices/v1").query("limit", 1).send());
        Object total = body.get("meta") instanceof Map<?, ?> meta && meta.get("pagination") instanceof Map<?, ?> page
                ? page.get("total") : null;
        return "Falcon token obtained; the hosts query answered with " + (total == null ? "?" : total) + " host(s)";
    }

    /** POST devices-actions: the body Falcon answered ({@code {meta, resources: [{id, path}], errors}}). */
    private static Map<String, Object> hostAction(FalconApi api, ConnectorCall call, String action, List<String> ids,
                                                  Map<String, Object> actionParameters) throws StepFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ids", ids);
        if (actionParameters != null && !actionParameters.isEmpty()) {
            body.put("action_parameters", actionParameters.entrySet().stream()
                    .map(e -> Map.of("name", e.getKey(), "value", String.valueOf(e.getValue()))).toList());
        }
        Map<String, Object> answer = api.checked(api.request("POST", "/devices/entities/devices-actions/v2")
                .query("action_name", action).json(body).send());
        String comment = call.text("comment");
        call.log("info", call.action() + ": " + action + " requested for " + ids + " (step " + call.idempotencyKey()
                + ")" + (comment == null ? "" : ": " + comment));
        return answer;
    }

    /** One device's details, not the list around it. */
    private static Map<String, Object> device(FalconApi api, ConnectorCall call) throws StepFailure {
        String id = call.requiredAny("device_id", "id");
        Map<String, Object> device = FalconApi.firstResource(api.checked(api.request("GET",
                FalconApi.repeated("/devices/entities/devices/v2", "ids", List.of(id))).send()));
        if (device.isEmpty()) {
            throw call.failure("Falcon has no device " + id);
        }
        return device;
    }

    /** Device ids for a host name (or any FQL filter): {@code {ids, total}}. */
    private static Map<String, Object> find(FalconApi api, ConnectorCall call) throws StepFailure {
        String filter = call.text("filter");
        if (filter == null) {
            String hostname = call.requiredAny("hostname", "filter");
            // FQL quotes strings in single quotes; a quote inside the name is escaped
            filter = "hostname:'" + hostname.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        Map<String, Object> body = api.checked(api.request("GET", "/devices/queries/devices/v1")
                .query("filter", filter).query("limit", call.number("limit") == null ? 100 : call.number("limit")).send());
        Object total = body.get("meta") instanceof Map<?, ?> meta && meta.get("pagination") instanceof Map<?, ?> page
                ? page.get("total") : null;
        List<Object> ids = FalconApi.resources(body).stream().map(o -> (Object) String.valueOf(o)).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ids", ids);
        out.put("total", total instanceof Number n ? n.longValue() : (long) ids.size());
        return out;
    }

    private static List<String> deviceIds(ConnectorCall call) throws StepFailure {
        for (String name : List.of("ids", "device_ids", "device_id", "id")) {
            List<String> ids = call.strings(name);
            if (ids != null && !ids.isEmpty()) {
                return ids;
            }
        }
        throw call.failure("with.ids is required (Falcon device ids; or device_id)");
    }

    private static long pid(ConnectorCall call) throws StepFailure {
        Long pid = call.number("pid");
        if (pid == null || pid <= 0) {
            throw call.failure("with.pid is required (the id of the process to kill)");
        }
        return pid;
    }
}
