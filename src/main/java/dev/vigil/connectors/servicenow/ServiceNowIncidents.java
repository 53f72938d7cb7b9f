package dev.vigil.connectors.servicenow;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Incident sub-actions on the Table API, on {@code config.table} ({@code incident} by default;
 * {@code sn_si_incident} for Security Incident Response). Writes answer {@code {id, number, url, record}}.
 */
final class ServiceNowIncidents {

    static final String[] ID = {"sys_id", "sysId", "externalId", "incidentId", "id"};
    /** The incident fields a step may give by name; anything else goes in {@code fields}. */
    static final String[] FIELDS = {"short_description", "description", "urgency", "impact", "severity", "priority",
        "category", "subcategory", "correlation_id", "correlation_display", "assignment_group", "assigned_to",
        "caller_id", "state", "close_code", "close_notes", "work_notes", "comments"};

    private ServiceNowIncidents() {
    }

    /** {@code createIncident}: POST the record; {@code short_description} is required. */
    static Object create(ConnectorCall call) throws StepFailure {
        call.required("short_description");
        String table = ServiceNowApi.table(call);
        ServiceNowApi api = new ServiceNowApi(call);
        Map<?, ?> record = (Map<?, ?>) api.result(api.request("POST", ServiceNowApi.TABLE + ServiceNowApi.segment(table))
                .json(fields(call)));
        return written(api, table, record);
    }

    /** {@code updateIncident}: PATCH the record given by sys_id or number with the fields given. */
    static Object update(ConnectorCall call) throws StepFailure {
        Map<String, Object> fields = fields(call);
        if (fields.isEmpty()) {
            throw call.failure("nothing to update: give fields such as state, urgency, work_notes, or fields: {...}");
        }
        return patch(call, fields);
    }

    /** {@code addWorkNote}: a work note (seen by the fulfillers only). */
    static Object addWorkNote(ConnectorCall call) throws StepFailure {
        return patch(call, Map.of("work_notes", call.requiredAny("text", "note", "work_notes", "comment")));
    }

    /** {@code addComment}: an additional comment (seen by the caller too). */
    static Object addComment(ConnectorCall call) throws StepFailure {
        return patch(call, Map.of("comments", call.requiredAny("text", "comment", "comments", "note")));
    }

    /** {@code getIncident}: the record (Kibana's {@code getIncident {externalId}}), by sys_id or number. */
    static Object get(ConnectorCall call) throws StepFailure {
        String table = ServiceNowApi.table(call);
        ServiceNowApi api = new ServiceNowApi(call);
        String sysId = api.sysId(table, ID);
        return api.result(api.request("GET", path(table, sysId)));
    }

    private static Object patch(ConnectorCall call, Map<String, Object> fields) throws StepFailure {
        String table = ServiceNowApi.table(call);
        ServiceNowApi api = new ServiceNowApi(call);
        String sysId = api.sysId(table, ID);
        Map<?, ?> record = (Map<?, ?>) api.result(api.request("PATCH", path(table, sysId)).json(fields));
        return written(api, table, record);
    }

    static String path(String table, String sysId) {
        return ServiceNowApi.TABLE + ServiceNowApi.segment(table) + "/" + ServiceNowApi.segment(sysId);
    }

    /** The named fields present in the params, then {@code fields} / {@code additional_fields} merged over them. */
    static Map<String, Object> fields(ConnectorCall call) throws StepFailure {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : FIELDS) {
            if (call.text(name) != null) {
                fields.put(name, call.text(name));
            }
        }
        for (String more : new String[] {"additional_fields", "fields"}) {
            if (call.map(more) != null) {
                fields.putAll(call.map(more));
            }
        }
        return fields;
    }

    private static Map<String, Object> written(ServiceNowApi api, String table, Map<?, ?> record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", record.get("sys_id"));
        out.put("number", record.get("number"));
        out.put("url", api.recordUrl(table, record.get("sys_id")));
        out.put("record", record);
        return out;
    }
}
