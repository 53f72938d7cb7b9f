package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import dev.vigil.sims.EmailSim;
import dev.vigil.sims.GenericHttpSim;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connector instances over the API, and workflows using them through connector-id. */
class ConnectorApiTest extends ApiTest {

    static final String TOKEN = "sk-live-3b9d0c7e51f2a8";

    final GenericHttpSim sim = new GenericHttpSim();

    @AfterEach
    void closeSim() {
        sim.close();
    }

    private ApiFixture.Answer create(String key, Map<String, Object> body) {
        return api.post("/api/connectors", key, Json.write(body));
    }

    private Map<String, Object> echoConnector() {
        return Map.of("name", "echo", "type", "http", "config", Map.of("baseUrl", sim.url(), "auth", "bearer"),
                "secrets", Map.of("token", TOKEN));
    }

    private String runWorkflow(String yaml) throws InterruptedException {
        String id = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml", yaml)))
                .map().get("id");
        assertThat(api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null).status())
                .isEqualTo(200);
        String execution = (String) api.post("/api/workflows/workflow/" + id + "/run", ApiFixture.RESPONDER, "{}")
                .map().get("workflowExecutionId");
        awaitEnd(execution);
        return execution;
    }

    @Test
    void secretsGoInAndNeverComeOut() {
        ApiFixture.Answer created = create(ApiFixture.ADMIN, echoConnector());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.raw().body()).doesNotContain(TOKEN);
        assertThat(created.map()).containsEntry("name", "echo").containsEntry("type", "http")
                .containsEntry("secrets", List.of("token")).containsEntry("version", 1L);

        ApiFixture.Answer one = api.get("/api/connectors/echo", ApiFixture.VIEWER);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.raw().body()).doesNotContain(TOKEN).contains("\"token\"");
        assertThat(api.get("/api/connectors", ApiFixture.VIEWER).raw().body()).doesNotContain(TOKEN).contains("echo");
        assertThat(api.get("/api/connectors/types", ApiFixture.VIEWER).raw().body()).contains("\"http\"");
    }

    @Test
    void onlyAdminsChangeConnectors() {
        assertThat(create(ApiFixture.EDITOR, echoConnector()).status()).isEqualTo(403);
        assertThat(create(ApiFixture.RESPONDER, echoConnector()).status()).isEqualTo(403);
        assertThat(create(ApiFixture.ADMIN, echoConnector()).status()).isEqualTo(201);
        assertThat(api.post("/api/connectors/echo/_test", ApiFixture.VIEWER, null).status()).isEqualTo(403);
        assertThat(api.delete("/api/connectors/echo", ApiFixture.EDITOR).status()).isEqualTo(403);
    }

    @Test
    void badConnectorsAreRefusedWithWhereAndWhy() {
        ApiFixture.Answer unknownType = create(ApiFixture.ADMIN, Map.of("name", "x", "type", "slak"));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat((String) unknownType.map().get("message")).contains("type 'slak'").contains("http");

        ApiFixture.Answer unknownOption = create(ApiFixture.ADMIN, Map.of("name", "x", "type", "http",
                "config", Map.of("baseUrl", sim.url(), "baseURL", "typo")));
        assertThat(unknownOption.status()).isEqualTo(400);
        assertThat((String) unknownOption.map().get("message")).contains("config.baseURL").contains("baseUrl");

        ApiFixture.Answer secretInConfig = create(ApiFixture.ADMIN, Map.of("name", "x", "type", "http",
                "config", Map.of("baseUrl", sim.url(), "token", "abc")));
        assertThat((String) secretInConfig.map().get("message")).contains("config.token is a secret");

        ApiFixture.Answer missing = create(ApiFixture.ADMIN, Map.of("name", "x", "type", "http"));
        assertThat((String) missing.map().get("message")).contains("config.baseUrl is required");

        ApiFixture.Answer badUrl = create(ApiFixture.ADMIN, Map.of("name", "x", "type", "http",
                "config", Map.of("baseUrl", "not a url")));
        assertThat((String) badUrl.map().get("message")).contains("absolute http or https URL");

        assertThat(create(ApiFixture.ADMIN, echoConnector()).status()).isEqualTo(201);
        assertThat(create(ApiFixture.ADMIN, echoConnector()).status()).isEqualTo(409);
        assertThat(api.get("/api/connectors", ApiFixture.VIEWER).raw().body()).doesNotContain("\"x\"");
    }

    @Test
    void updatesKeepSecretsNotNamedAndRefuseStaleVersions() throws Exception {
        create(ApiFixture.ADMIN, echoConnector());
        ApiFixture.Answer renamed = api.put("/api/connectors/echo", ApiFixture.ADMIN, Json.write(Map.of(
                "version", 1, "config", Map.of("baseUrl", sim.url(), "auth", "bearer", "testPath", "/secure"))));
        assertThat(renamed.status()).as(renamed.raw().body()).isEqualTo(200);
        assertThat(renamed.map()).containsEntry("version", 2L).containsEntry("secrets", List.of("token"));

        ApiFixture.Answer stale = api.put("/api/connectors/echo", ApiFixture.ADMIN, Json.write(Map.of(
                "version", 1, "config", Map.of("baseUrl", sim.url()))));
        assertThat(stale.status()).isEqualTo(409);
        assertThat((String) stale.map().get("message")).contains("version 2, not 1");

        // the token kept its value: the workflow's call carries it
        runWorkflow("""
                name: uses echo
                triggers: [{type: manual}]
                steps:
                  - {name: call, type: http, connector-id: echo, with: {path: /echo/after-update}}
                """);
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void testConnectionSaysWhatItFound() {
        create(ApiFixture.ADMIN, Map.of("name", "echo", "type", "http",
                "config", Map.of("baseUrl", sim.url(), "auth", "bearer", "testPath", "/echo/ping"),
                "secrets", Map.of("token", TOKEN)));
        ApiFixture.Answer ok = api.post("/api/connectors/echo/_test", ApiFixture.ADMIN, null);
        assertThat(ok.map()).containsEntry("ok", true);
        assertThat((String) ok.map().get("message")).contains("/echo/ping").contains("200");

        create(ApiFixture.ADMIN, Map.of("name", "broken", "type", "http",
                "config", Map.of("baseUrl", sim.url(), "testPath", "/missing")));
        ApiFixture.Answer failed = api.post("/api/connectors/broken/_test", ApiFixture.ADMIN, null);
        assertThat(failed.map()).containsEntry("ok", false);
        assertThat((String) failed.map().get("message")).contains("HTTP 404");
        assertThat(api.post("/api/connectors/nope/_test", ApiFixture.ADMIN, null).status()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHttpStepUsesTheConnectorsBaseUrlAndCredentialsAndHistoryNeverHoldsTheSecret() throws Exception {
        create(ApiFixture.ADMIN, echoConnector());
        String execution = runWorkflow("""
                name: echo with secrets
                triggers: [{type: manual}]
                steps:
                  - name: call
                    type: http
                    connector-id: "{{ 'ec' | append: 'ho' }}"
                    with: {path: /echo/alerts, query: {limit: 5}, headers: {Authorization: "Bearer stolen", X-Trace: t1}}
                  - name: say
                    type: console
                    with: {message: "auth was {{ steps.call.output.data.headers.authorization }}"}
                """);
        assertThat(sim.lastRequest().path()).isEqualTo("/echo/alerts");
        assertThat(sim.lastRequest().query()).containsEntry("limit", "5");
        assertThat(sim.lastRequest().header("authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(sim.lastRequest().header("x-trace")).isEqualTo("t1");

        ApiFixture.Answer detail = api.get("/api/workflows/executions/" + execution, ApiFixture.VIEWER);
        assertThat(detail.map()).containsEntry("status", "completed");
        ApiFixture.Answer logs = api.get("/api/workflows/executions/" + execution + "/logs", ApiFixture.VIEWER);
        String everything = detail.raw().body() + logs.raw().body();
        assertThat(everything).doesNotContain(TOKEN).contains("Bearer [REDACTED]");
    }

    @Test
    void aStepTypeNeedsAConnectorOfItsOwnType() throws Exception {
        create(ApiFixture.ADMIN, echoConnector());
        String execution = runWorkflow("""
                name: wrong type
                triggers: [{type: manual}]
                steps:
                  - {name: post, type: slack, connector-id: echo, with: {message: hi}}
                """);
        Map<String, Object> detail = api.get("/api/workflows/executions/" + execution, ApiFixture.VIEWER).map();
        assertThat(detail).containsEntry("status", "failed");
        assertThat(Json.write(detail.get("error"))).containsAnyOf("is a http connector", "no 'slack' connector type");
    }

    @Test
    void aKibanaStyleEmailConnectorIsAcceptedAndSendsMail() throws Exception {
        try (EmailSim mail = new EmailSim()) {
            // Kibana's .email config and secrets as they are; caCertificate (Vigil's) trusts the relay's certificate
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("service", "other");
            config.put("host", "127.0.0.1");
            config.put("port", mail.smtpPort());
            config.put("secure", false);
            config.put("from", EmailSim.FROM);
            config.put("hasAuth", true);
            config.put("caCertificate", EmailSim.certificatePem());
            ApiFixture.Answer created = create(ApiFixture.ADMIN, Map.of("name", "soc-mail", "type", "email",
                    "config", config, "secrets", Map.of("user", EmailSim.USER, "password", EmailSim.PASSWORD)));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            assertThat(created.raw().body()).doesNotContain(EmailSim.PASSWORD);

            ApiFixture.Answer tested = api.post("/api/connectors/soc-mail/_test", ApiFixture.ADMIN, null);
            assertThat(tested.map()).as(tested.raw().body()).containsEntry("ok", true);
            // Kibana keeps the login among the secrets: like every secret it is masked in what Vigil shows and stores
            assertThat((String) tested.map().get("message")).endsWith("(STARTTLS), encrypted, logged in as [REDACTED]");

            String execution = runWorkflow("""
                    name: mail the lead
                    triggers: [{type: manual}]
                    steps:
                      - name: mail
                        type: email
                        connector-id: soc-mail
                        with: {to: [lead@vigil.test], subject: "Case IR-7", message: "Host wks-7 isolated."}
                    """);
            Map<String, Object> detail = api.get("/api/workflows/executions/" + execution, ApiFixture.VIEWER).map();
            assertThat(detail).as(Json.write(detail)).containsEntry("status", "completed");
            assertThat(mail.mails()).singleElement().satisfies(m -> {
                assertThat(m.from()).isEqualTo("soc@vigil.test");
                assertThat(m.login()).isEqualTo(EmailSim.USER);
                assertThat(m.subject()).isEqualTo("Case IR-7");
                assertThat(m.text()).isEqualTo("Host wks-7 isolated.");
            });
        }
    }
}
