package dev.vigil.connectors.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.sims.ServiceNowSim;
import dev.vigil.sims.Simulator;
import dev.vigil.steps.StepFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceNowConnectorTest {

    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (ServiceNowSim.USER + ":" + ServiceNowSim.PASSWORD).getBytes(StandardCharsets.UTF_8));

    final ServiceNowSim sim = new ServiceNowSim();
    final ConnectorKit kit = kit(Map.of("username", ServiceNowSim.USER), Map.of("password", ServiceNowSim.PASSWORD));

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(Map<String, Object> config, Map<String, String> secrets) {
        Map<String, Object> all = new HashMap<>(config);
        all.put("baseUrl", sim.url() + "/");
        return new ConnectorKit(new ServiceNowConnector(), all, secrets);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    void assertTableRequest(Simulator.Request request, String method, String path) {
        assertThat(request.method()).isEqualTo(method);
        assertThat(request.path()).isEqualTo(path);
        assertThat(request.header("authorization")).isEqualTo(BASIC);
        assertThat(request.header("accept")).isEqualTo("application/json");
    }

    String url(String table, Object sysId) {
        return sim.url() + "/nav_to.do?uri=" + table + ".do?sys_id=" + sysId;
    }

    String seedIncident(String shortDescription) {
        return String.valueOf(sim.insert("incident", new HashMap<>(Map.of("short_description", shortDescription,
                "correlation_id", "alert-" + shortDescription.length()))).get("sys_id"));
    }

    // ---- incidents ----

    @Test
    void createIncidentPostsTheFieldsAndAnswersIdNumberAndUrl() throws StepFailure {
        Object output = kit.run("createIncident", Map.of("short_description", "Malware on wks-7",
                "description", "EDR alert 42", "urgency", "1", "impact", 2, "category", "security",
                "correlation_id", "alert-42", "assignment_group", "SOC", "fields", Map.of("u_source", "vigil")));

        Simulator.Request sent = sim.lastRequest();
        assertTableRequest(sent, "POST", "/api/now/table/incident");
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("short_description", "Malware on wks-7",
                "description", "EDR alert 42", "urgency", "1", "impact", "2", "category", "security",
                "correlation_id", "alert-42", "assignment_group", "SOC", "u_source", "vigil"));
        Map<String, Object> out = map(output);
        assertThat(out).containsEntry("number", "INC0010001").containsEntry("url", url("incident", out.get("id")));
        assertThat(map(out.get("record"))).containsEntry("short_description", "Malware on wks-7")
                .containsEntry("sys_id", out.get("id"));

        assertThat(kit.fail("createIncident", Map.of("description", "x")).getMessage())
                .isEqualTo("servicenow.createIncident: with.short_description is required");
    }

    @Test
    void securityIncidentsGoToTheConfiguredTable() throws StepFailure {
        ConnectorKit sir = kit(Map.of("username", ServiceNowSim.USER, "table", "sn_si_incident"),
                Map.of("password", ServiceNowSim.PASSWORD));
        Object output = sir.run("createIncident", Map.of("short_description", "Phishing campaign"));
        assertTableRequest(sim.lastRequest(), "POST", "/api/now/table/sn_si_incident");
        assertThat(map(output)).containsEntry("number", "SIR0010001");
    }

    @Test
    void updateIncidentPatchesBySysIdOrByNumber() throws StepFailure {
        String sysId = seedIncident("Phishing");
        Object output = kit.run("updateIncident", Map.of("sys_id", sysId, "state", "2", "work_notes", "triaged"));
        assertTableRequest(sim.lastRequest(), "PATCH", "/api/now/table/incident/" + sysId);
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("state", "2", "work_notes", "triaged"));
        assertThat(map(output)).containsEntry("id", sysId).containsEntry("number", "INC0010001")
                .containsEntry("url", url("incident", sysId));

        sim.clearRequests();
        kit.run("updateIncident", Map.of("number", "INC0010001", "fields", Map.of("urgency", "1")));
        List<Simulator.Request> sent = sim.requests();
        assertThat(sent).hasSize(2);
        assertTableRequest(sent.get(0), "GET", "/api/now/table/incident");
        assertThat(sent.get(0).query()).isEqualTo(Map.of("sysparm_query", "number=INC0010001", "sysparm_limit", "1",
                "sysparm_fields", "sys_id"));
        assertTableRequest(sent.get(1), "PATCH", "/api/now/table/incident/" + sysId);
        assertThat(sent.get(1).jsonObject()).isEqualTo(Map.of("urgency", "1"));

        assertThat(kit.fail("updateIncident", Map.of("number", "INC0099999", "state", "2")).getMessage())
                .isEqualTo("servicenow.updateIncident: no record numbered INC0099999 in table incident");
        assertThat(kit.fail("updateIncident", Map.of("sys_id", sysId)).getMessage()).contains("nothing to update");
        assertThat(kit.fail("updateIncident", Map.of("state", "2")).getMessage())
                .contains("with.sys_id (the record's sys_id) or with.number is required");
    }

    @Test
    void getIncidentReadsTheRecordAndAMissingOneFailsWithMessageAndDetail() throws StepFailure {
        String sysId = seedIncident("Phishing");
        Object output = kit.run("getIncident", Map.of("externalId", sysId));
        assertTableRequest(sim.lastRequest(), "GET", "/api/now/table/incident/" + sysId);
        assertThat(map(output)).containsEntry("number", "INC0010001").containsEntry("short_description", "Phishing");

        assertThat(map(kit.run("getIncident", Map.of("number", "INC0010001")))).containsEntry("sys_id", sysId);

        StepFailure failure = kit.fail("getIncident", Map.of("sys_id", "0123456789abcdef0123456789abcdef"));
        assertThat(failure.getMessage()).contains("HTTP 404 Not Found").endsWith(": No Record found (Record doesn't"
                + " exist or ACL restricts the record retrieval)");
        assertThat(failure.details()).containsEntry("status", 404L);
    }

    @Test
    void addWorkNoteAndAddCommentWriteTheJournalFields() throws StepFailure {
        String sysId = seedIncident("Phishing");
        Object output = kit.run("addWorkNote", Map.of("sys_id", sysId, "text", "Host isolated"));
        assertTableRequest(sim.lastRequest(), "PATCH", "/api/now/table/incident/" + sysId);
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("work_notes", "Host isolated"));
        assertThat(map(output)).containsEntry("id", sysId).containsEntry("number", "INC0010001");

        kit.run("addComment", Map.of("number", "INC0010001", "comment", "We are on it"));
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("comments", "We are on it"));
        assertThat(kit.fail("addWorkNote", Map.of("sys_id", sysId)).getMessage()).contains("with.text is required");
    }

    // ---- Kibana's case sub-actions ----

    @Test
    void pushToServiceCreatesAsTheIntegrationUserAndAddsCommentsAsWorkNotes() throws StepFailure {
        Map<String, Object> incident = new HashMap<>(Map.of("short_description", "Case 42", "description", "From Vigil",
                "severity", "1", "additional_fields", Map.of("u_case", "42")));
        incident.put("externalId", null);
        incident.put("category", null);
        Object output = kit.run("pushToService", Map.of("incident", incident,
                "comments", List.of(Map.of("commentId", "c-1", "comment", "first note"))));

        List<Simulator.Request> sent = sim.requests();
        assertThat(sent).hasSize(2);
        assertTableRequest(sent.get(0), "POST", "/api/now/table/incident");
        assertThat(sent.get(0).jsonObject()).isEqualTo(Map.of("short_description", "Case 42",
                "description", "From Vigil", "severity", "1", "u_case", "42",
                "caller_id", ServiceNowSim.USER, "opened_by", ServiceNowSim.USER));
        Object sysId = map(output).get("id");
        assertTableRequest(sent.get(1), "PATCH", "/api/now/table/incident/" + sysId);
        assertThat(sent.get(1).jsonObject()).isEqualTo(Map.of("work_notes", "first note"));
        assertThat(output).isEqualTo(Map.of("title", "INC0010001", "id", sysId,
                "pushedDate", "2024-05-01T10:00:00.000Z", "url", url("incident", sysId),
                "comments", List.of(Map.of("commentId", "c-1", "pushedDate", "2024-05-01T11:00:00.000Z"))));
    }

    @Test
    void pushToServiceWithAnExternalIdUpdatesAndTheStepFormTakesSubActionParams() throws StepFailure {
        String sysId = seedIncident("Phishing");
        Object output = kit.run(null, Map.of("subAction", "pushToService", "subActionParams",
                Map.of("incident", Map.of("externalId", sysId, "urgency", "1"))));
        assertTableRequest(sim.lastRequest(), "PATCH", "/api/now/table/incident/" + sysId);
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("urgency", "1"));
        assertThat(output).isEqualTo(Map.of("title", "INC0010001", "id", sysId,
                "pushedDate", "2024-05-01T11:00:00.000Z", "url", url("incident", sysId)));

        assertThat(kit.fail(null, Map.of("subAction", "getChoices")).getMessage())
                .startsWith("servicenow.getChoices: unknown sub-action 'getChoices'; ServiceNow has pushToService");
    }

    @Test
    void closeIncidentByIdOrCorrelationIdSetsStateSevenAndToleratesMissingAndClosed() throws StepFailure {
        String sysId = seedIncident("Phishing");
        Object output = kit.run("closeIncident", Map.of("incident", Map.of("externalId", sysId)));
        List<Simulator.Request> sent = sim.requests();
        assertTableRequest(sent.get(0), "GET", "/api/now/table/incident/" + sysId);
        assertTableRequest(sent.get(1), "PATCH", "/api/now/table/incident/" + sysId);
        assertThat(sent.get(1).jsonObject()).isEqualTo(Map.of("state", "7",
                "close_code", "Closed/Resolved by Caller", "close_notes", "Closed by Caller"));
        assertThat(output).isEqualTo(Map.of("title", "INC0010001", "id", sysId,
                "pushedDate", "2024-05-01T11:00:00.000Z", "url", url("incident", sysId)));

        sim.clearRequests();
        kit.run("closeIncident", Map.of("incident", Map.of("externalId", sysId)));
        assertThat(sim.requests()).hasSize(1);

        String other = seedIncident("Brute force");
        sim.clearRequests();
        kit.run("closeIncident", Map.of("incident", Map.of("correlation_id", "alert-11"), "close_notes", "FP"));
        assertThat(sim.requests().getFirst().query()).isEqualTo(Map.of(
                "sysparm_query", "ORDERBYDESCsys_created_on^correlation_id=alert-11", "sysparm_limit", "1"));
        assertTableRequest(sim.lastRequest(), "PATCH", "/api/now/table/incident/" + other);
        assertThat(sim.lastRequest().jsonObject()).containsEntry("close_notes", "FP");

        assertThat(kit.run("closeIncident", Map.of("incident", Map.of("externalId", "0123456789abcdef0123456789abcdef"))))
                .isNull();
        assertThat(kit.fail("closeIncident", Map.of("incident", Map.of())).getMessage())
                .contains("with.incident.externalId or with.incident.correlation_id is required");
    }

    // ---- servicenow_search reads, with the corpus's params ----

    @Test
    void getRecordReadsOneRecordWithDisplayValuesAndTheCorpusParams() throws StepFailure {
        String sysId = seedIncident("Phishing");
        Object output = kit.run("getRecord", Map.of("table", "incident", "sysId", sysId,
                "fields", "number,short_description"));
        assertTableRequest(sim.lastRequest(), "GET", "/api/now/table/incident/" + sysId);
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("sysparm_display_value", "true",
                "sysparm_fields", "number,short_description"));
        assertThat(output).isEqualTo(Map.of("result", Map.of("number", "INC0010001", "short_description", "Phishing")));

        Object found = kit.run("getRecord", Map.of("table", "incident", "query", "short_description=Phishing",
                "displayValue", "false"));
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("sysparm_display_value", "false",
                "sysparm_query", "short_description=Phishing", "sysparm_limit", "20"));
        assertThat((List<?>) map(found).get("result")).hasSize(1);
        assertThat(kit.fail("getRecord", Map.of("table", "incident")).getMessage())
                .contains("with.sysId (the record's sys_id) or with.query (an encoded query) is required");
        assertThat(kit.fail("getRecord", Map.of("table", "nope", "sysId", sysId)).getMessage())
                .endsWith("HTTP 400 Bad Request from GET " + sim.url() + "/api/now/table/nope/" + sysId
                        + ": Invalid table nope");
    }

    @Test
    void listRecordsAndSearchQueryATable() throws StepFailure {
        seedIncident("Phishing one");
        seedIncident("Phishing two");
        seedIncident("Brute force");
        Object listed = kit.run("listRecords", Map.of("table", "incident", "encodedQuery", "state=1",
                "orderBy", "-number", "limit", 2, "offset", 0, "fields", List.of("number", "short_description")));
        assertTableRequest(sim.lastRequest(), "GET", "/api/now/table/incident");
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("sysparm_display_value", "true",
                "sysparm_query", "state=1^ORDERBYDESCnumber", "sysparm_limit", "2", "sysparm_offset", "0",
                "sysparm_fields", "number,short_description"));
        assertThat(listed).isEqualTo(Map.of("result", List.of(
                Map.of("number", "INC0010003", "short_description", "Brute force"),
                Map.of("number", "INC0010002", "short_description", "Phishing two"))));

        Object searched = kit.run("search", Map.of("table", "incident", "query", "phishing",
                "encodedQuery", "state=1"));
        assertThat(sim.lastRequest().query()).containsEntry("sysparm_query", "GOTO123TEXTQUERY321=phishing^state=1")
                .containsEntry("sysparm_limit", "20");
        assertThat((List<?>) map(searched).get("result")).hasSize(2);
    }

    @Test
    void getCommentsReadsTheJournalWithTheCorpusParams() throws StepFailure {
        String sysId = seedIncident("Phishing");
        kit.run("addWorkNote", Map.of("sys_id", sysId, "text", "Host isolated"));
        kit.run("addComment", Map.of("sys_id", sysId, "text", "We are on it"));
        sim.clearRequests();

        Object output = kit.run("getComments", Map.of("tableName", "incident", "recordSysId", sysId, "limit", 20));
        assertTableRequest(sim.lastRequest(), "GET", "/api/now/table/sys_journal_field");
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("sysparm_display_value", "true",
                "sysparm_query", "element_id=" + sysId + "^name=incident^element=comments^NQelement_id=" + sysId
                        + "^name=incident^element=work_notes^ORDERBYsys_created_on",
                "sysparm_limit", "20", "sysparm_fields", "sys_id,element,value,sys_created_on,sys_created_by"));
        List<?> entries = (List<?>) map(output).get("result");
        assertThat(entries).hasSize(2);
        assertThat(entries.stream().map(e -> map(e).get("value"))).containsExactlyInAnyOrder("Host isolated",
                "We are on it");
    }

    @Test
    void getAttachmentAnswersNameTypeAndTheUntouchedBytesInBase64() throws StepFailure {
        String sysId = seedIncident("Phishing");
        String content = "{\"iocs\": [\"1.2.3.4\"], \"note\": \"Überprüft – ✓\"}";
        String attachment = sim.attach("incident", sysId, "iocs.json", "application/json", content);

        Object output = kit.run("getAttachment", Map.of("sysId", attachment));
        List<Simulator.Request> sent = sim.requests();
        assertThat(sent).hasSize(2);
        assertTableRequest(sent.get(0), "GET", "/api/now/attachment/" + attachment);
        assertThat(sent.get(1).path()).isEqualTo("/api/now/attachment/" + attachment + "/file");
        assertThat(sent.get(1).header("authorization")).isEqualTo(BASIC);
        assertThat(sent.get(1).header("accept")).isEqualTo("*/*");
        assertThat(output).isEqualTo(Map.of("fileName", "iocs.json", "contentType", "application/json",
                "base64", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8))));

        assertThat(kit.fail("getAttachment", Map.of("sysId", "0123")).getMessage()).contains("No Record found");
    }

    // ---- auth, limits, test connection, registration ----

    @Test
    void oauthClientCredentialsFetchAndReuseATokenFromTheInstance() throws StepFailure {
        ConnectorKit oauth = kit(Map.of("clientId", ServiceNowSim.CLIENT_ID),
                Map.of("clientSecret", ServiceNowSim.CLIENT_SECRET));
        String sysId = seedIncident("Phishing");
        oauth.run("getIncident", Map.of("sys_id", sysId));
        oauth.run("getIncident", Map.of("sys_id", sysId));
        assertThat(sim.tokensIssued()).isEqualTo(1);
        Simulator.Request token = sim.requests("POST", "/oauth_token.do").getFirst();
        assertThat(token.form()).isEqualTo(Map.of("grant_type", "client_credentials",
                "client_id", ServiceNowSim.CLIENT_ID, "client_secret", ServiceNowSim.CLIENT_SECRET));
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("Bearer sn-access-token-1-0123456789");

        StepFailure failure = kit(Map.of("clientId", ServiceNowSim.CLIENT_ID), Map.of("clientSecret", "wrong-secret-x"))
                .fail("getIncident", Map.of("sys_id", sysId));
        assertThat(failure.getMessage()).contains("HTTP 401").contains("access_denied");
    }

    @Test
    void wrongCredentialsFailWithServiceNowsMessageAndDetail() {
        StepFailure failure = kit(Map.of("username", ServiceNowSim.USER), Map.of("password", "wrong-password"))
                .fail("getIncident", Map.of("sys_id", "x"));
        assertThat(failure.getMessage()).contains("HTTP 401 Unauthorized")
                .endsWith(": User Not Authenticated (Required to provide Auth information)");
        assertThat(kit(Map.of(), Map.of("password", "p")).fail("getIncident", Map.of("sys_id", "x")).getMessage())
                .contains("has no config.username");
    }

    @Test
    void aRateLimitedCallIsRetriedAfterRetryAfter() throws StepFailure {
        String sysId = seedIncident("Phishing");
        sim.rateLimitNext(1, 1);
        assertThat(map(kit.run("getIncident", Map.of("sys_id", sysId)))).containsEntry("sys_id", sysId);
        assertThat(sim.requests()).hasSize(2);

        sim.rateLimitNext(1, 60);
        StepFailure failure = kit.remaining(java.time.Duration.ofSeconds(5)).fail("getIncident", Map.of("sys_id", sysId));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.details()).containsEntry("retryAfterSeconds", 60L);
    }

    @Test
    void testConnectionReadsOneUserRecord() throws StepFailure {
        assertThat(kit.test()).isEqualTo("GET /api/now/table/sys_user: authenticated (user records visible)");
        assertTableRequest(sim.lastRequest(), "GET", "/api/now/table/sys_user");
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("sysparm_limit", "1", "sysparm_fields", "sys_id"));
        try {
            kit(Map.of("username", ServiceNowSim.USER), Map.of("password", "wrong-password")).test();
            throw new AssertionError("test connection accepted a wrong password");
        } catch (StepFailure expected) {
            assertThat(expected.getMessage()).contains("User Not Authenticated");
        }
    }

    @Test
    void everyServiceNowPrefixNamesTheSameType() {
        ConnectorTypes types = ConnectorTypes.standard();
        for (String name : List.of("servicenow", ".servicenow", "servicenow-itsm", ".servicenow-sir",
                "servicenow_search")) {
            assertThat(types.find(name)).as(name).containsInstanceOf(ServiceNowConnector.class);
        }
    }
}
