package dev.vigil.connectors.servicenow;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kibana's {@code .servicenow} / {@code .servicenow-sir} case sub-actions, for workflows written against them:
 * {@code pushToService} and {@code closeIncident}, answering Kibana's {@code {title, id, pushedDate, url}}. Kibana
 * can go through its ServiceNow app's Import Set API; this always uses the Table API (Kibana's "usesTableApi").
 */
final class ServiceNowPush {

    private ServiceNowPush() {
    }

    /**
     * {@code pushToService {incident: {short_description, description, externalId, severity, urgency, impact,
     * category, subcategory, correlation_id, correlation_display, additional_fields}, comments: [{commentId,
     * comment}]}}: creates the incident (caller and opener: the basic-auth user) or, with {@code externalId},
     * updates it; each comment becomes a work note.
     */
    static Object push(ConnectorCall call) throws StepFailure {
        Map<String, Object> incident = call.map("incident") != null ? call.map("incident") : call.params();
        String table = ServiceNowApi.table(call);
        ServiceNowApi api = new ServiceNowApi(call);
        Map<String, Object> fields = new LinkedHashMap<>();
        incident.forEach((k, v) -> {
            // flat params may carry Kibana's comments list and the table beside the incident's fields
            boolean notAField = k.equals("externalId") || k.equals("additional_fields") || k.equals("table")
                    || k.equals("comments") && v instanceof List<?>;
            if (v != null && !notAField) {
                fields.put(k, v);
            }
        });
        if (incident.get("additional_fields") instanceof Map<?, ?> extra) {
            extra.forEach((k, v) -> fields.put(String.valueOf(k), v));
        }
        Object externalId = incident.get("externalId");
        Map<?, ?> record;
        String dateField;
        if (externalId == null || String.valueOf(externalId).isBlank()) {
            String user = call.connector().option("username");
            if (user != null && call.connector().option("clientId") == null) {
                fields.putIfAbsent("caller_id", user);
                fields.putIfAbsent("opened_by", user);
            }
            record = (Map<?, ?>) api.result(api.request("POST", ServiceNowApi.TABLE + ServiceNowApi.segment(table))
                    .json(fields));
            dateField = "sys_created_on";
        } else {
            record = (Map<?, ?>) api.result(api.request("PATCH",
                    ServiceNowIncidents.path(table, String.valueOf(externalId))).json(fields));
            dateField = "sys_updated_on";
        }
        Map<String, Object> out = pushed(api, table, record, dateField);
        List<Object> comments = call.list("comments");
        if (comments != null && !comments.isEmpty()) {
            List<Object> done = new ArrayList<>();
            for (Object item : comments) {
                if (item instanceof Map<?, ?> comment && comment.get("comment") != null
                        && !String.valueOf(comment.get("comment")).isBlank()) {
                    Map<?, ?> noted = (Map<?, ?>) api.result(api.request("PATCH",
                            ServiceNowIncidents.path(table, String.valueOf(record.get("sys_id"))))
                            .json(Map.of("work_notes", String.valueOf(comment.get("comment")))));
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("commentId", comment.get("commentId"));
                    one.put("pushedDate", ServiceNowApi.iso(noted.get("sys_updated_on")));
                    done.add(one);
                }
            }
            out.put("comments", done);
        }
        return out;
    }

    /**
     * {@code closeIncident {incident: {externalId | correlation_id}}}: sets state 7 (Closed) with Kibana's close
     * code and notes unless {@code close_code} / {@code close_notes} are given; null when there is no such
     * incident, the record's details when it was closed already.
     */
    static Object close(ConnectorCall call) throws StepFailure {
        Map<String, Object> incident = call.map("incident") != null ? call.map("incident") : call.params();
        String table = ServiceNowApi.table(call);
        ServiceNowApi api = new ServiceNowApi(call);
        Map<?, ?> record = find(call, api, table, incident);
        if (record == null) {
            call.log("warn", call.action() + ": no incident with externalId " + incident.get("externalId")
                    + " or correlation_id " + incident.get("correlation_id") + "; nothing to close");
            return null;
        }
        if ("7".equals(String.valueOf(record.get("state")))) {
            return pushed(api, table, record, "sys_updated_on");
        }
        Map<String, Object> closing = new LinkedHashMap<>();
        closing.put("state", "7");
        closing.put("close_code", call.textOr("close_code", "Closed/Resolved by Caller"));
        closing.put("close_notes", call.textOr("close_notes", "Closed by Caller"));
        Map<?, ?> closed = (Map<?, ?>) api.result(api.request("PATCH",
                ServiceNowIncidents.path(table, String.valueOf(record.get("sys_id")))).json(closing));
        return pushed(api, table, closed, "sys_updated_on");
    }

    private static Map<?, ?> find(ConnectorCall call, ServiceNowApi api, String table, Map<String, Object> incident)
            throws StepFailure {
        Object externalId = incident.get("externalId");
        if (externalId != null && !String.valueOf(externalId).isBlank()) {
            Object record = api.result(api.request("GET", ServiceNowIncidents.path(table, String.valueOf(externalId)))
                    .accept(404));
            return record instanceof Map<?, ?> m && !m.isEmpty() ? m : null;
        }
        Object correlation = incident.get("correlation_id");
        if (correlation == null || String.valueOf(correlation).isBlank()) {
            throw call.failure("with.incident.externalId or with.incident.correlation_id is required");
        }
        Object found = api.result(api.request("GET", ServiceNowApi.TABLE + ServiceNowApi.segment(table))
                .query("sysparm_query", "ORDERBYDESCsys_created_on^correlation_id=" + correlation)
                .query("sysparm_limit", 1));
        return found instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?> m ? m : null;
    }

    private static Map<String, Object> pushed(ServiceNowApi api, String table, Map<?, ?> record, String dateField) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("title", record.get("number"));
        out.put("id", record.get("sys_id"));
        out.put("pushedDate", ServiceNowApi.iso(record.get(dateField)));
        out.put("url", api.recordUrl(table, record.get("sys_id")));
        return out;
    }
}
