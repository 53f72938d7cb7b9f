package dev.vigil.connectors.pagerduty;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incident sub-actions over the REST API. Reads answer the incident itself ({@code getIncident}) or
 * {@code {response: [...], more}} ({@code listIncidents}), as PagerDuty's MCP server does; writes answer PagerDuty's
 * own {@code {incident: {...}}}, as Kibana's PagerDuty connector does.
 */
final class PagerDutyIncidents {

    static final String[] INCIDENT = {"incident_id", "incidentId", "id"};

    private PagerDutyIncidents() {
    }

    static Object get(ConnectorCall call) throws StepFailure {
        String id = call.requiredAny(INCIDENT);
        return new PagerDutyRest(call).one("/incidents/" + PagerDutyRest.segment(id), "incident",
                new PagerDutyQuery().each("include", call.strings("include")));
    }

    /** Filters: {@code statuses} (or MCP's {@code status}), {@code urgencies}, ids, {@code since}/{@code until} ... */
    static Object list(ConnectorCall call) throws StepFailure {
        List<String> statuses = call.strings("statuses") != null ? call.strings("statuses") : call.strings("status");
        PagerDutyQuery query = new PagerDutyQuery()
                .each("statuses", statuses)
                .each("urgencies", call.strings("urgencies"))
                .each("service_ids", call.strings("service_ids"))
                .each("team_ids", call.strings("team_ids") != null ? call.strings("team_ids") : call.strings("teams_ids"))
                .each("user_ids", call.strings("user_ids"))
                .each("include", call.strings("include"))
                .add("since", call.text("since"))
                .add("until", call.text("until"))
                .add("date_range", call.text("date_range"))
                .add("incident_key", call.text("incident_key"))
                .add("time_zone", call.text("time_zone"));
        List<String> sort = call.strings("sort_by");
        if (sort != null && !sort.isEmpty()) {
            query.add("sort_by", String.join(",", sort));
        }
        return new PagerDutyRest(call).list("/incidents", "incidents", query);
    }

    /**
     * {@code createIncident} / {@code triggerIncident}: {@code title} and {@code service_id} required; optional
     * {@code urgency}, {@code body} (details text), {@code escalation_policy_id}, {@code priority_id},
     * {@code assignment_user_ids}, {@code incident_key}.
     */
    static Object create(ConnectorCall call) throws StepFailure {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("type", "incident");
        incident.put("title", call.required("title"));
        incident.put("service", reference(call.requiredAny("service_id", "serviceId"), "service_reference"));
        putIfPresent(incident, "urgency", call.text("urgency"));
        String details = call.text("body") != null ? call.text("body") : call.text("details");
        if (details != null) {
            incident.put("body", Map.of("type", "incident_body", "details", details));
        }
        String policy = call.text("escalation_policy_id");
        if (policy != null) {
            incident.put("escalation_policy", reference(policy, "escalation_policy_reference"));
        }
        common(call, incident);
        putIfPresent(incident, "incident_key", call.text("incident_key"));
        return new PagerDutyRest(call).write("POST", "/incidents", Map.of("incident", incident));
    }

    /** {@code updateIncident}: any of title, status, urgency, resolution, escalation_level, priority, assignees. */
    static Object update(ConnectorCall call) throws StepFailure {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("type", "incident");
        putIfPresent(incident, "title", call.text("title"));
        putIfPresent(incident, "status", call.text("status"));
        putIfPresent(incident, "urgency", call.text("urgency"));
        putIfPresent(incident, "resolution", call.text("resolution"));
        putIfPresent(incident, "escalation_level", call.number("escalation_level"));
        common(call, incident);
        if (incident.size() == 1) {
            throw call.failure("nothing to update: give at least one of title, status, urgency, resolution,"
                    + " escalation_level, priority_id, assignment_user_ids");
        }
        return put(call, incident);
    }

    static Object resolve(ConnectorCall call) throws StepFailure {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("type", "incident");
        incident.put("status", "resolved");
        putIfPresent(incident, "resolution", call.text("resolution"));
        return put(call, incident);
    }

    static Object acknowledge(ConnectorCall call) throws StepFailure {
        return put(call, Map.of("type", "incident", "status", "acknowledged"));
    }

    /** {@code addNote}: PagerDuty's {@code {note: {id, content, user, created_at}}}. */
    static Object addNote(ConnectorCall call) throws StepFailure {
        String id = call.requiredAny(INCIDENT);
        String content = call.requiredAny("content", "note");
        return new PagerDutyRest(call).write("POST", "/incidents/" + PagerDutyRest.segment(id) + "/notes",
                Map.of("note", Map.of("content", content)));
    }

    private static Object put(ConnectorCall call, Map<String, Object> incident) throws StepFailure {
        String id = call.requiredAny(INCIDENT);
        return new PagerDutyRest(call).write("PUT", "/incidents/" + PagerDutyRest.segment(id),
                Map.of("incident", incident));
    }

    private static void common(ConnectorCall call, Map<String, Object> incident) throws StepFailure {
        String priority = call.text("priority_id");
        if (priority != null) {
            incident.put("priority", reference(priority, "priority_reference"));
        }
        List<String> assignees = call.strings("assignment_user_ids");
        if (assignees != null && !assignees.isEmpty()) {
            List<Object> assignments = new ArrayList<>();
            assignees.forEach(user -> assignments.add(Map.of("assignee", reference(user, "user_reference"))));
            incident.put("assignments", assignments);
        }
    }

    static Map<String, Object> reference(String id, String type) {
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("id", id);
        reference.put("type", type);
        return reference;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
