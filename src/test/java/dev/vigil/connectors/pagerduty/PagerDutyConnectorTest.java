package dev.vigil.connectors.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.sims.PagerDutySim;
import dev.vigil.sims.Simulator;
import dev.vigil.steps.StepFailure;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PagerDutyConnectorTest {

    final PagerDutySim sim = new PagerDutySim();
    final ConnectorKit events = kit(Map.of(), Map.of("routingKey", PagerDutySim.ROUTING_KEY));
    final ConnectorKit rest = kit(Map.of("fromEmail", PagerDutySim.FROM), Map.of("apiToken", PagerDutySim.API_TOKEN));

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(Map<String, Object> config, Map<String, String> secrets) {
        Map<String, Object> all = new HashMap<>(config);
        all.putIfAbsent("eventsUrl", sim.url());
        all.putIfAbsent("baseUrl", sim.url() + "/");
        return new ConnectorKit(new PagerDutyConnector(), all, secrets);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    static List<?> response(Object output) {
        return (List<?>) map(output).get("response");
    }

    void assertRest(Simulator.Request request, String method, String path) {
        assertThat(request.method()).isEqualTo(method);
        assertThat(request.path()).isEqualTo(path);
        assertThat(request.header("authorization")).isEqualTo("Token token=" + PagerDutySim.API_TOKEN);
        assertThat(request.header("accept")).isEqualTo("application/vnd.pagerduty+json;version=2");
    }

    // ---- Events API v2 ----

    @Test
    void theStepFormSendsKibanasPagerDutyParamsAsAnEventsV2Trigger() throws StepFailure {
        Object output = events.run(null, Map.ofEntries(Map.entry("eventAction", "trigger"),
                Map.entry("dedupKey", "alert-42"), Map.entry("summary", "Malware on wks-7"),
                Map.entry("source", "wks-7"), Map.entry("severity", "critical"),
                Map.entry("timestamp", "2024-05-01T10:00:00+02:00"), Map.entry("component", "edr"),
                Map.entry("group", "endpoints"), Map.entry("class", "malware"),
                Map.entry("links", List.of(Map.of("href", "https://vigil.example/a/42", "text", "Alert"))),
                Map.entry("customDetails", Map.of("hash", "abc123"))));

        Simulator.Request sent = sim.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v2/enqueue");
        assertThat(sent.header("authorization")).isNull();
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("routing_key", PagerDutySim.ROUTING_KEY,
                "event_action", "trigger", "dedup_key", "alert-42",
                "payload", Map.of("summary", "Malware on wks-7", "source", "wks-7", "severity", "critical",
                        "timestamp", "2024-05-01T08:00:00.000Z", "component", "edr", "group", "endpoints",
                        "class", "malware", "custom_details", Map.of("hash", "abc123")),
                "links", List.of(Map.of("href", "https://vigil.example/a/42", "text", "Alert"))));
        assertThat(output).isEqualTo(Map.of("status", "success", "message", "Event processed", "dedup_key", "alert-42"));
    }

    @Test
    void aTriggerWithoutDetailsGetsKibanasDefaultsAndPagerDutysDedupKey() throws StepFailure {
        Object output = events.run("trigger", Map.of("timestamp", 1714557600000L));
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("routing_key", PagerDutySim.ROUTING_KEY,
                "event_action", "trigger", "payload", Map.of("summary", "No summary provided.",
                        "source", "Vigil connector test-pagerduty", "severity", "info",
                        "timestamp", "2024-05-01T10:00:00.000Z")));
        assertThat(map(output)).containsEntry("status", "success").containsKey("dedup_key");
    }

    @Test
    void acknowledgeAndResolveSendOnlyTheDedupKeyAndNeedIt() throws StepFailure {
        events.run("acknowledge", Map.of("dedupKey", "alert-42", "summary", "ignored"));
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("routing_key", PagerDutySim.ROUTING_KEY,
                "event_action", "acknowledge", "dedup_key", "alert-42"));
        events.run("resolve", Map.of("dedupKey", "alert-42"));
        assertThat(sim.lastRequest().jsonObject()).containsEntry("event_action", "resolve");
        events.run(null, Map.of("eventAction", "resolve", "dedupKey", "alert-43"));
        assertThat(sim.lastRequest().jsonObject()).containsEntry("dedup_key", "alert-43");

        sim.clearRequests();
        assertThat(events.fail("resolve", Map.of()).getMessage()).isEqualTo("pagerduty.resolve: with.dedupKey is"
                + " required to resolve an alert: it names the alert the trigger opened (its output's dedup_key)");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void badEventParamsFailBeforeSending() {
        assertThat(events.fail(null, Map.of("eventAction", "escalate")).getMessage())
                .contains("with.eventAction must be trigger, acknowledge or resolve, got 'escalate'");
        assertThat(events.fail("trigger", Map.of("severity", "high")).getMessage())
                .contains("with.severity must be one of critical, error, warning, info, got 'high'");
        assertThat(events.fail("trigger", Map.of("timestamp", "yesterday")).getMessage())
                .contains("with.timestamp 'yesterday' is not a date");
        assertThat(kit(Map.of(), Map.of()).fail("trigger", Map.of()).getMessage())
                .contains("has no secret 'routingKey'");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void anEventPagerDutyRefusesFailsWithItsReasons() {
        StepFailure failure = kit(Map.of("eventsUrl", sim.url() + "/v2/enqueue"),
                Map.of("routingKey", "Rffffffffffffffffffffffffffffff0")).fail("trigger", Map.of("summary", "x"));
        assertThat(sim.lastRequest().path()).isEqualTo("/v2/enqueue");
        assertThat(failure.getMessage()).contains("HTTP 400 Bad Request")
                .endsWith("Event object is invalid ('routing_key' is invalid)");
        assertThat(failure.details()).containsEntry("status", 400L);
    }

    @Test
    void aRateLimitedEventIsRetried() throws StepFailure {
        sim.rateLimitNext(1, 1);
        assertThat(map(events.run("trigger", Map.of("summary", "x")))).containsEntry("status", "success");
        assertThat(sim.requests()).hasSize(2);
        assertThat(sim.events()).hasSize(1);
    }

    // ---- REST API v2: incidents ----

    @Test
    void getIncidentAnswersTheIncidentItselfAndAMissingOneFails() throws StepFailure {
        Object output = rest.run("getIncident", Map.of("incident_id", "PINC001"));
        assertRest(sim.lastRequest(), "GET", "/incidents/PINC001");
        assertThat(map(output)).containsEntry("id", "PINC001").containsEntry("status", "triggered")
                .containsEntry("title", "CPU high on db-1");

        StepFailure failure = rest.fail("getIncident", Map.of("id", "PNOPE"));
        assertThat(failure.getMessage()).contains("HTTP 404 Not Found").endsWith(": Not Found");
    }

    @Test
    void listIncidentsSendsBracketedListFiltersAndAnswersResponseAndMore() throws StepFailure {
        Object output = rest.run("listIncidents", Map.of("statuses", List.of("triggered", "acknowledged"),
                "urgencies", List.of("high"), "since", "2024-05-01T00:00:00Z", "until", "2024-05-02T00:00:00Z",
                "sort_by", List.of("created_at:desc")));
        assertRest(sim.lastRequest(), "GET", "/incidents");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("limit", "100");
        expected.put("offset", "0");
        expected.put("statuses[]", "triggered,acknowledged");
        expected.put("urgencies[]", "high");
        expected.put("since", "2024-05-01T00:00:00Z");
        expected.put("until", "2024-05-02T00:00:00Z");
        expected.put("sort_by", "created_at:desc");
        assertThat(sim.lastRequest().query()).isEqualTo(expected);
        assertThat(response(output)).hasSize(1);
        assertThat(map(response(output).getFirst())).containsEntry("id", "PINC001");
        assertThat(map(output)).containsEntry("more", false);

        rest.run("listIncidents", Map.of("status", List.of("resolved")));
        assertThat(sim.lastRequest().query()).containsEntry("statuses[]", "resolved");
    }

    @Test
    void listsReadPageAfterPageUpToTheLimit() throws StepFailure {
        sim.seedIncidents(120);
        Object output = rest.run("listIncidents", Map.of("limit", 150));
        List<Simulator.Request> pages = sim.requests();
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).query()).containsEntry("limit", "100").containsEntry("offset", "0");
        assertThat(pages.get(1).query()).containsEntry("limit", "50").containsEntry("offset", "100");
        assertThat(response(output)).hasSize(123);
        assertThat(map(output)).containsEntry("more", false);

        sim.clearRequests();
        Object two = rest.run("listIncidents", Map.of("limit", 2));
        assertThat(sim.requests()).hasSize(1);
        assertThat(response(two)).hasSize(2);
        assertThat(map(two)).containsEntry("more", true);
    }

    @Test
    void createIncidentPostsTheIncidentAsTheFromUser() throws StepFailure {
        Object output = rest.run("createIncident", Map.of("title", "Ransomware on fs-2", "service_id", "PSVC001",
                "urgency", "high", "body", "Encrypted shares detected", "escalation_policy_id", "PEP001",
                "priority_id", "PPRIO1", "assignment_user_ids", List.of("PUSR002"), "incident_key", "vigil-42"));
        Simulator.Request sent = sim.lastRequest();
        assertRest(sent, "POST", "/incidents");
        assertThat(sent.header("from")).isEqualTo(PagerDutySim.FROM);
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("incident", Map.of("type", "incident",
                "title", "Ransomware on fs-2",
                "service", Map.of("id", "PSVC001", "type", "service_reference"),
                "urgency", "high",
                "body", Map.of("type", "incident_body", "details", "Encrypted shares detected"),
                "escalation_policy", Map.of("id", "PEP001", "type", "escalation_policy_reference"),
                "priority", Map.of("id", "PPRIO1", "type", "priority_reference"),
                "assignments", List.of(Map.of("assignee", Map.of("id", "PUSR002", "type", "user_reference"))),
                "incident_key", "vigil-42")));
        assertThat(map(map(output).get("incident"))).containsEntry("id", "PINC004")
                .containsEntry("status", "triggered").containsEntry("incident_key", "vigil-42");
    }

    @Test
    void triggerIncidentNamesTheActingUserPerStepAndWithoutOneFailsWithPagerDutysReason() throws StepFailure {
        ConnectorKit noFrom = kit(Map.of(), Map.of("apiToken", PagerDutySim.API_TOKEN));
        noFrom.run("triggerIncident", Map.of("title", "x", "serviceId", "PSVC001", "from", "bob@example.com"));
        assertThat(sim.lastRequest().header("from")).isEqualTo("bob@example.com");

        StepFailure failure = noFrom.fail("triggerIncident", Map.of("title", "x", "service_id", "PSVC001"));
        assertThat(failure.getMessage()).contains("HTTP 400 Bad Request").endsWith("Invalid Input Provided"
                + " (A valid email address must be given in the From header.)");
        assertThat(rest.fail("createIncident", Map.of("title", "x", "service_id", "PNOPE")).getMessage())
                .endsWith("Invalid Input Provided (Service not found)");
        assertThat(rest.fail("createIncident", Map.of("service_id", "PSVC001")).getMessage())
                .isEqualTo("pagerduty.createIncident: with.title is required");
    }

    @Test
    void updateResolveAndAcknowledgePutTheIncident() throws StepFailure {
        Object output = rest.run("updateIncident", Map.of("id", "PINC001", "status", "acknowledged",
                "urgency", "low", "escalation_level", 2));
        assertRest(sim.lastRequest(), "PUT", "/incidents/PINC001");
        assertThat(sim.lastRequest().header("from")).isEqualTo(PagerDutySim.FROM);
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("incident", Map.of("type", "incident",
                "status", "acknowledged", "urgency", "low", "escalation_level", 2L)));
        assertThat(map(map(output).get("incident"))).containsEntry("status", "acknowledged");

        rest.run("acknowledgeIncident", Map.of("incident_id", "PINC002"));
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("incident", Map.of("type", "incident",
                "status", "acknowledged")));

        Object resolved = rest.run("resolveIncident", Map.of("incident_id", "PINC001", "resolution", "Patched"));
        assertRest(sim.lastRequest(), "PUT", "/incidents/PINC001");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("incident", Map.of("type", "incident",
                "status", "resolved", "resolution", "Patched")));
        assertThat(map(map(resolved).get("incident"))).containsEntry("status", "resolved");

        assertThat(rest.fail("resolveIncident", Map.of("incident_id", "PINC003")).getMessage())
                .contains("HTTP 400").endsWith("Incident Already Resolved");
        sim.clearRequests();
        assertThat(rest.fail("updateIncident", Map.of("id", "PINC001")).getMessage()).contains("nothing to update");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void addNotePostsTheNote() throws StepFailure {
        Object output = rest.run("addNote", Map.of("incident_id", "PINC001", "content", "Host isolated by Vigil"));
        assertRest(sim.lastRequest(), "POST", "/incidents/PINC001/notes");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("note", Map.of("content", "Host isolated by Vigil")));
        assertThat(map(map(output).get("note"))).containsEntry("content", "Host isolated by Vigil");
    }

    // ---- REST API v2: on-call and directory, with the corpus's pagerduty_mcp params ----

    @Test
    void listOncallsTakesTheCorpusParamsAndAsksForTheEarliestByDefault() throws StepFailure {
        Map<String, Object> with = new HashMap<>();
        with.put("limit", 20);
        with.put("schedule_ids", List.of("PSCH001"));
        with.put("escalation_policy_ids", List.of("PEP001", "PEP002"));
        with.put("since", "2024-05-01T00:00:00Z");
        with.put("until", "");
        with.put("time_zone", "Europe/Paris");
        Object output = rest.run("listOncalls", with);
        assertRest(sim.lastRequest(), "GET", "/oncalls");
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("limit", "20", "offset", "0",
                "schedule_ids[]", "PSCH001", "escalation_policy_ids[]", "PEP001,PEP002",
                "since", "2024-05-01T00:00:00Z", "time_zone", "Europe/Paris", "earliest", "true"));
        assertThat(response(output)).hasSize(3);
        assertThat(map(map(response(output).get(1)).get("user"))).containsEntry("id", "PUSR002");

        rest.run("listOncalls", Map.of("earliest", false, "user_ids", List.of("PUSR001")));
        assertThat(sim.lastRequest().query()).containsEntry("earliest", "false").containsEntry("user_ids[]", "PUSR001");
    }

    @Test
    void schedulesAndEscalationPoliciesListAndGet() throws StepFailure {
        Object schedules = rest.run("listSchedules", Map.of("query", "primary", "limit", 5,
                "include", List.of("schedule_layers"), "team_ids", List.of("PTEAM01")));
        assertRest(sim.lastRequest(), "GET", "/schedules");
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("limit", "5", "offset", "0", "query", "primary",
                "team_ids[]", "PTEAM01", "include[]", "schedule_layers"));
        assertThat(map(response(schedules).getFirst())).containsEntry("id", "PSCH001");

        Object schedule = rest.run("getSchedule", Map.of("schedule_id", "PSCH001"));
        assertRest(sim.lastRequest(), "GET", "/schedules/PSCH001");
        assertThat(map(schedule)).containsEntry("name", "Primary").containsKey("schedule_layers");

        Object policies = rest.run("listEscalationPolicies", Map.of("query", "checkout", "user_ids", List.of("PUSR001")));
        assertRest(sim.lastRequest(), "GET", "/escalation_policies");
        assertThat(sim.lastRequest().query()).containsEntry("query", "checkout").containsEntry("user_ids[]", "PUSR001");
        assertThat(response(policies)).hasSize(1);

        Object policy = rest.run("getEscalationPolicy", Map.of("policy_id", "PEP001"));
        assertRest(sim.lastRequest(), "GET", "/escalation_policies/PEP001");
        assertThat(map(policy)).containsEntry("num_loops", 2L).containsKey("escalation_rules");
    }

    @Test
    void usersTeamsAndServicesListAndGet() throws StepFailure {
        Object users = rest.run("listUsers", Map.of("query", "bob"));
        assertRest(sim.lastRequest(), "GET", "/users");
        assertThat(sim.lastRequest().query()).containsEntry("query", "bob");
        assertThat(response(users)).hasSize(1);
        assertThat(map(response(users).getFirst())).containsEntry("email", "bob@example.com");

        assertThat(map(rest.run("getUserData", Map.of()))).containsEntry("id", "PUSR001");
        assertRest(sim.lastRequest(), "GET", "/users/me");

        assertThat(response(rest.run("listTeams", Map.of("query", "sec")))).hasSize(1);
        assertRest(sim.lastRequest(), "GET", "/teams");
        assertThat(map(rest.run("getTeam", Map.of("team_id", "PTEAM01")))).containsEntry("name", "SecOps");
        assertRest(sim.lastRequest(), "GET", "/teams/PTEAM01");

        assertThat(map(response(rest.run("listServices", Map.of("query", "checkout"))).getFirst()))
                .containsEntry("id", "PSVC001");
        assertRest(sim.lastRequest(), "GET", "/services");
    }

    @Test
    void aRateLimitedRestCallIsRetriedAndAPersistentOneFails() throws StepFailure {
        sim.rateLimitNext(1, 1);
        assertThat(map(rest.run("getIncident", Map.of("id", "PINC001")))).containsEntry("id", "PINC001");
        assertThat(sim.requests()).hasSize(2);

        sim.rateLimitNext(3, 1);
        StepFailure failure = rest.fail("getIncident", Map.of("id", "PINC001"));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.getMessage()).contains("HTTP 429");
    }

    @Test
    void aWrongApiTokenFailsWithPagerDutysWords() {
        StepFailure failure = kit(Map.of(), Map.of("apiToken", "wrong-token-000000")).fail("getIncident",
                Map.of("id", "PINC001"));
        assertThat(failure.getMessage()).contains("HTTP 401 Unauthorized").endsWith("Authentication failed");
    }

    // ---- test connection and registration ----

    @Test
    void testConnectionReadsAbilitiesWithATokenAndChecksARoutingKeyLocally() throws StepFailure {
        assertThat(rest.test()).isEqualTo("GET /abilities: the API token works (4 abilities)");
        assertRest(sim.lastRequest(), "GET", "/abilities");

        sim.clearRequests();
        assertThat(events.test()).startsWith("Events API v2 has no read-only call, so no event was sent: the routing"
                + " key has 32 characters and http://127.0.0.1" ).endsWith("/v2/enqueue is a valid URL");
        assertThat(sim.requests()).isEmpty();

        assertTestFails(kit(Map.of(), Map.of("routingKey", "short-key")), "the routing key has 9 characters");
        assertTestFails(kit(Map.of(), Map.of()), "neither secret apiToken (REST API) nor routingKey (Events API)");
        assertTestFails(kit(Map.of(), Map.of("apiToken", "wrong-token-000000")), "Authentication failed");
    }

    static void assertTestFails(ConnectorKit kit, String message) {
        try {
            String result = kit.test();
            throw new AssertionError("test connection passed: " + result);
        } catch (StepFailure failure) {
            assertThat(failure.getMessage()).contains(message);
        }
    }

    @Test
    void pagerdutyAndPagerdutyMcpNameTheSameTypeAndUnknownSubActionsAreRefused() {
        assertThat(ConnectorTypes.standard().find("pagerduty_mcp")).containsInstanceOf(PagerDutyConnector.class);
        assertThat(ConnectorTypes.standard().find(".pagerduty")).containsInstanceOf(PagerDutyConnector.class);
        assertThat(rest.fail("runResponsePlay", Map.of()).getMessage()).startsWith("pagerduty.runResponsePlay:"
                + " unknown sub-action 'runResponsePlay'; PagerDuty has trigger, acknowledge, resolve, getIncident");
    }
}
