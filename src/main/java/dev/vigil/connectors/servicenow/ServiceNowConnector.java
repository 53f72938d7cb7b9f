package dev.vigil.connectors.servicenow;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.connectors.KibanaSubActions;
import dev.vigil.connectors.SubAction;
import dev.vigil.steps.StepFailure;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ServiceNow through its Table API: incidents created, updated, noted and closed, any table read. One type answers
 * the prefixes workflows use: {@code servicenow} and Kibana's {@code servicenow-itsm} / {@code servicenow-sir} (case
 * connectors: {@code pushToService}, {@code getIncident}, {@code closeIncident}, and the step form with
 * {@code {subAction, subActionParams}}), and {@code servicenow_search} (Kibana's read connector, which the corpus
 * uses: {@code getRecord}, {@code getComments}, {@code getAttachment} ...). Security incidents live in another table:
 * set {@code config.table} to {@code sn_si_incident}.
 */
public final class ServiceNowConnector implements ConnectorType {

    private static final Map<String, SubAction> ACTIONS = actions();

    private static Map<String, SubAction> actions() {
        Map<String, SubAction> actions = new LinkedHashMap<>();
        actions.put("pushToService", ServiceNowPush::push);
        actions.put("closeIncident", ServiceNowPush::close);
        actions.put("createIncident", ServiceNowIncidents::create);
        actions.put("updateIncident", ServiceNowIncidents::update);
        actions.put("getIncident", ServiceNowIncidents::get);
        actions.put("addWorkNote", ServiceNowIncidents::addWorkNote);
        actions.put("addComment", ServiceNowIncidents::addComment);
        actions.put("getRecord", ServiceNowRecords::get);
        actions.put("listRecords", ServiceNowRecords::listRecords);
        actions.put("search", ServiceNowRecords::search);
        actions.put("getComments", ServiceNowRecords::comments);
        actions.put("getAttachment", ServiceNowRecords::attachment);
        return Collections.unmodifiableMap(actions);
    }

    @Override
    public String id() {
        return "servicenow";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("servicenow-itsm", "servicenow-sir", "servicenow_search");
    }

    @Override
    public String summary() {
        return "ServiceNow: incidents created, updated, noted, closed; any table read (Table API)";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.requiredOption("baseUrl", "the instance, https://your-instance.service-now.com"),
                ConfigField.option("table", "incident table (default incident; sn_si_incident for security incidents)"),
                ConfigField.option("auth", "basic (default) or oauth2 (default when clientId is set)"),
                ConfigField.option("username", "basic auth: the integration user"),
                ConfigField.option("clientId", "oauth2: the OAuth client's id"),
                ConfigField.option("tokenUrl", "oauth2: token endpoint (default <baseUrl>/oauth_token.do)"),
                ConfigField.option("scope", "oauth2: the scope, if the instance wants one"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.secret("password", "basic auth: the user's password"),
                ConfigField.secret("clientSecret", "oauth2: the OAuth client's secret"));
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
        ConnectorCall target = call.subAction() == null ? KibanaSubActions.unwrap(call) : call;
        return SubAction.dispatch(ACTIONS, target, "ServiceNow");
    }

    /** One user record, sys_id only: the cheapest authenticated read (an account without rights sees none). */
    @Override
    public String test(ConnectorCall call) throws StepFailure {
        ServiceNowApi api = new ServiceNowApi(call);
        Object users = api.result(api.request("GET", ServiceNowApi.TABLE + "sys_user").query("sysparm_limit", 1)
                .query("sysparm_fields", "sys_id"));
        return "GET " + ServiceNowApi.TABLE + "sys_user: authenticated ("
                + (users instanceof List<?> l && !l.isEmpty() ? "user records visible" : "no user record visible") + ")";
    }
}
