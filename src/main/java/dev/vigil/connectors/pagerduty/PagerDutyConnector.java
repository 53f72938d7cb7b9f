package dev.vigil.connectors.pagerduty;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.connectors.SubAction;
import dev.vigil.steps.StepFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PagerDuty, through both of its APIs. The Events API v2 (secret {@code routingKey}) raises, acknowledges and
 * resolves alerts: the step form {@code pagerduty} with Kibana's {@code .pagerduty} params, or {@code trigger},
 * {@code acknowledge}, {@code resolve}. The REST API v2 (secret {@code apiToken}) reads and changes incidents and
 * answers who is on call. The prefix {@code pagerduty_mcp} (Kibana's connector for PagerDuty's MCP server, which the
 * corpus uses) selects this type too: its tools are served here from the REST API they wrap.
 */
public final class PagerDutyConnector implements ConnectorType {

    private static final Map<String, SubAction> ACTIONS = actions();

    private static Map<String, SubAction> actions() {
        Map<String, SubAction> actions = new LinkedHashMap<>();
        actions.put("trigger", call -> PagerDutyEvents.send(call, "trigger"));
        actions.put("acknowledge", call -> PagerDutyEvents.send(call, "acknowledge"));
        actions.put("resolve", call -> PagerDutyEvents.send(call, "resolve"));
        actions.put("getIncident", PagerDutyIncidents::get);
        actions.put("listIncidents", PagerDutyIncidents::list);
        actions.put("createIncident", PagerDutyIncidents::create);
        actions.put("triggerIncident", PagerDutyIncidents::create);
        actions.put("updateIncident", PagerDutyIncidents::update);
        actions.put("resolveIncident", PagerDutyIncidents::resolve);
        actions.put("acknowledgeIncident", PagerDutyIncidents::acknowledge);
        actions.put("addNote", PagerDutyIncidents::addNote);
        actions.put("listOncalls", PagerDutyDirectory::oncalls);
        actions.put("listSchedules", PagerDutyDirectory::schedules);
        actions.put("getSchedule", PagerDutyDirectory::schedule);
        actions.put("listEscalationPolicies", PagerDutyDirectory::escalationPolicies);
        actions.put("getEscalationPolicy", PagerDutyDirectory::escalationPolicy);
        actions.put("listUsers", PagerDutyDirectory::users);
        actions.put("getUserData", PagerDutyDirectory::me);
        actions.put("listTeams", PagerDutyDirectory::teams);
        actions.put("getTeam", PagerDutyDirectory::team);
        actions.put("listServices", PagerDutyDirectory::services);
        return Collections.unmodifiableMap(actions);
    }

    @Override
    public String id() {
        return "pagerduty";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("pagerduty_mcp");
    }

    @Override
    public String summary() {
        return "PagerDuty: raise and resolve alerts (Events API v2); incidents and on-call (REST API v2)";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.option("eventsUrl", "Events API base URL (default " + PagerDutyEvents.DEFAULT_URL + ")"),
                ConfigField.option("baseUrl", "REST API base URL (default " + PagerDutyRest.DEFAULT_BASE + ")"),
                ConfigField.option("fromEmail", "REST writes: email of the PagerDuty user acting (the From header)"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.secret("routingKey", "Events API: the 32-character integration key of a service"),
                ConfigField.secret("apiToken", "REST API: a PagerDuty API key (account or user level)"));
    }

    @Override
    public Set<String> subActions() {
        return ACTIONS.keySet();
    }

    @Override
    public boolean acceptsNoSubAction() {
        return true;
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        if (call.subAction() == null) {
            return PagerDutyEvents.send(call, null);
        }
        return SubAction.dispatch(ACTIONS, call, "PagerDuty");
    }

    /**
     * With an API token: GET /abilities, which account-level keys may read too (GET /users/me needs a user-level
     * one). With a routing key: only local checks, since the Events API cannot be called without raising an alert.
     */
    @Override
    public String test(ConnectorCall call) throws StepFailure {
        List<String> checked = new ArrayList<>();
        if (call.connector().secret("apiToken") != null) {
            Object abilities = new PagerDutyRest(call).get("/abilities", new PagerDutyQuery()).get("abilities");
            checked.add("GET /abilities: the API token works (" + (abilities instanceof List<?> l ? l.size() : 0)
                    + " abilities)");
        }
        if (call.connector().secret("routingKey") != null) {
            checked.add(PagerDutyEvents.check(call));
        }
        if (checked.isEmpty()) {
            throw call.failure("the connector has neither secret apiToken (REST API) nor routingKey (Events API)");
        }
        return String.join("; ", checked);
    }
}
