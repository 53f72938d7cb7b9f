package dev.vigil.connectors.pagerduty;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;

/**
 * Who is on call and the objects around it: on-calls, schedules, escalation policies, users, teams, services.
 * The sub-action names and params are those of PagerDuty's MCP server as Kibana's {@code pagerduty_mcp} connector
 * exposes them; lists answer {@code {response: [...], more}} and single objects come unwrapped, as that server's
 * tools return them.
 */
final class PagerDutyDirectory {

    private PagerDutyDirectory() {
    }

    /** {@code listOncalls}: filters schedule_ids, user_ids, escalation_policy_ids, since, until, time_zone, earliest. */
    static Object oncalls(ConnectorCall call) throws StepFailure {
        Boolean earliest = call.bool("earliest");
        PagerDutyQuery query = new PagerDutyQuery()
                .each("schedule_ids", call.strings("schedule_ids"))
                .each("user_ids", call.strings("user_ids"))
                .each("escalation_policy_ids", call.strings("escalation_policy_ids"))
                .each("include", call.strings("include"))
                .add("since", call.text("since"))
                .add("until", call.text("until"))
                .add("time_zone", call.text("time_zone"))
                // the MCP server asks for the earliest on-call per user and policy unless told otherwise
                .add("earliest", earliest == null ? "true" : String.valueOf(earliest));
        return new PagerDutyRest(call).list("/oncalls", "oncalls", query);
    }

    static Object schedules(ConnectorCall call) throws StepFailure {
        return new PagerDutyRest(call).list("/schedules", "schedules", searchable(call)
                .each("user_ids", call.strings("user_ids"))
                .add("time_zone", call.text("time_zone")));
    }

    /** {@code getSchedule {schedule_id, since?, until?, time_zone?}}: the schedule with its layers. */
    static Object schedule(ConnectorCall call) throws StepFailure {
        String id = call.requiredAny("schedule_id", "id");
        return new PagerDutyRest(call).one("/schedules/" + PagerDutyRest.segment(id), "schedule", new PagerDutyQuery()
                .add("since", call.text("since")).add("until", call.text("until"))
                .add("time_zone", call.text("time_zone")));
    }

    static Object escalationPolicies(ConnectorCall call) throws StepFailure {
        return new PagerDutyRest(call).list("/escalation_policies", "escalation_policies", searchable(call)
                .each("user_ids", call.strings("user_ids")));
    }

    static Object escalationPolicy(ConnectorCall call) throws StepFailure {
        String id = call.requiredAny("policy_id", "escalation_policy_id", "id");
        return new PagerDutyRest(call).one("/escalation_policies/" + PagerDutyRest.segment(id), "escalation_policy",
                new PagerDutyQuery().each("include", call.strings("include")));
    }

    static Object users(ConnectorCall call) throws StepFailure {
        return new PagerDutyRest(call).list("/users", "users", searchable(call));
    }

    /** {@code getUserData}: the user the API token belongs to (a user-level token; account tokens have none). */
    static Object me(ConnectorCall call) throws StepFailure {
        return new PagerDutyRest(call).one("/users/me", "user", new PagerDutyQuery());
    }

    static Object teams(ConnectorCall call) throws StepFailure {
        return new PagerDutyRest(call).list("/teams", "teams", new PagerDutyQuery().add("query", call.text("query")));
    }

    static Object team(ConnectorCall call) throws StepFailure {
        String id = call.requiredAny("team_id", "id");
        return new PagerDutyRest(call).one("/teams/" + PagerDutyRest.segment(id), "team", new PagerDutyQuery());
    }

    /** {@code listServices}: to find the service id an incident is created on. */
    static Object services(ConnectorCall call) throws StepFailure {
        return new PagerDutyRest(call).list("/services", "services", searchable(call));
    }

    /** The filters most lists share: free-text {@code query}, {@code team_ids}, {@code include}. */
    private static PagerDutyQuery searchable(ConnectorCall call) throws StepFailure {
        return new PagerDutyQuery()
                .add("query", call.text("query"))
                .each("team_ids", call.strings("team_ids") != null ? call.strings("team_ids") : call.strings("teams_ids"))
                .each("include", call.strings("include"));
    }
}
