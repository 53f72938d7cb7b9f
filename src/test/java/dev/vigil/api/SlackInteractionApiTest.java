package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.connectors.ConnectorInput;
import dev.vigil.connectors.ConnectorService;
import dev.vigil.model.Json;
import dev.vigil.sims.GenericHttpSim;
import dev.vigil.sims.Simulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Decisions answered from Slack buttons: Slack's interaction callback, signed with the connector's signing secret,
 * answers as the Vigil user the clicking Slack user is mapped to.
 */
class SlackInteractionApiTest extends ApiTest {

    static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    /** Stands in for Slack's response_url: it records what Vigil posts back to the message. */
    final GenericHttpSim responses = new GenericHttpSim();

    @BeforeEach
    void slackConnector() {
        api.connectors.create(new ConnectorInput("soc-slack", "slack", Map.of(
                "users", Map.of("U0ALICE", "alice", "U0BOB", Map.of("name", "bob", "role", "responder"),
                        "U0VIEW", Map.of("name", "val", "role", "viewer")),
                "defaultChannel", "#soc"), Map.of("token", "xoxb-test-token-1", "signingSecret", SIGNING_SECRET),
                null), ConnectorService.API);
    }

    @AfterEach
    void closeSim() {
        responses.close();
    }

    private int workflows;

    private String waitingJob(String extra) throws InterruptedException {
        String id = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR,
                Json.write(Map.of("yaml", DecisionApiTest.triage("1h", extra)
                        .replaceFirst("name: triage\n", "name: triage-" + (++workflows) + "\n")))).map().get("id");
        api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null);
        String job = (String) api.post("/api/workflows/workflow/" + id + "/run", ApiFixture.RESPONDER, "{}").map()
                .get("workflowExecutionId");
        awaitStatus(job, List.of("waiting_for_input"));
        return job;
    }

    private ApiFixture.Answer click(String job, String slackUser, String choice, long timestamp, String secret) {
        String value = "vigil-decision:" + Json.write(Map.of("e", job, "s", "triage", "c", choice));
        String payload = Json.write(Map.of("type", "block_actions", "user", Map.of("id", slackUser),
                "response_url", responses.url() + "/echo/response/" + slackUser,
                "actions", List.of(Map.of("type", "button", "action_id", "decide-" + choice, "value", value))));
        String body = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        return api.postWithHeaders("/api/slack/interactions/soc-slack", Map.of("X-Slack-Request-Timestamp",
                Long.toString(timestamp), "X-Slack-Signature", sign(secret, timestamp, body)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private ApiFixture.Answer click(String job, String slackUser, String choice) {
        return click(job, slackUser, choice, Instant.now().getEpochSecond(), SIGNING_SECRET);
    }

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMappedSlackUserAnswersFirstAndTheNextIsToldWhoDecided() throws Exception {
        String job = waitingJob("");
        ApiFixture.Answer first = click(job, "U0ALICE", "isolate");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.map()).containsEntry("status", 200L);
        Map<String, Object> detail = awaitEnd(job);
        assertThat(detail).containsEntry("status", "completed");
        Map<String, Object> triage = ((List<Map<String, Object>>) detail.get("stepExecutions")).stream()
                .filter(s -> "triage".equals(s.get("stepId"))).findFirst().orElseThrow();
        assertThat((Map<String, Object>) triage.get("output")).containsEntry("choice", "isolate")
                .containsEntry("respondedBy", "user:alice").containsEntry("channel", "slack");

        Simulator.Request replaced = responses.requests("POST", "/echo/response/U0ALICE").getFirst();
        assertThat(replaced.jsonObject()).containsEntry("replace_original", true);
        assertThat((String) replaced.jsonObject().get("text")).contains("isolate").contains("alice");

        ApiFixture.Answer late = click(job, "U0BOB", "close");
        assertThat(late.map()).containsEntry("status", 409L);
        assertThat((String) late.map().get("text")).contains("alice").contains("isolate");
        Simulator.Request told = responses.requests("POST", "/echo/response/U0BOB").getFirst();
        assertThat(told.jsonObject()).containsEntry("response_type", "ephemeral").containsEntry("replace_original", false);

        String audit = api.get("/api/workflows/executions/" + job + "/decisions/audit", ApiFixture.VIEWER).raw().body();
        assertThat(audit).contains("user:alice").contains("user:bob").contains("already decided").contains("slack");
    }

    @Test
    void unmappedAndUnauthorisedSlackUsersAreRefused() throws Exception {
        String job = waitingJob("");
        ApiFixture.Answer stranger = click(job, "U0STRANGER", "isolate");
        assertThat(stranger.map()).containsEntry("status", 403L);
        assertThat((String) stranger.map().get("text")).contains("not mapped");
        ApiFixture.Answer viewer = click(job, "U0VIEW", "isolate");
        assertThat(viewer.map()).containsEntry("status", 403L);
        assertThat(api.get("/api/workflows/executions/" + job, ApiFixture.VIEWER).map())
                .containsEntry("status", "waiting_for_input");

        String approversOnly = waitingJob("      approvers: [apikey:bob]");
        assertThat(click(approversOnly, "U0ALICE", "monitor").map()).containsEntry("status", 403L);
        assertThat(click(approversOnly, "U0BOB", "monitor").map()).containsEntry("status", 200L);
    }

    @Test
    void forgedStaleOrUnknownRequestsAreRefused() throws Exception {
        String job = waitingJob("");
        assertThat(click(job, "U0ALICE", "isolate", Instant.now().getEpochSecond(), "wrong-secret").status())
                .isEqualTo(401);
        ApiFixture.Answer replayed = click(job, "U0ALICE", "isolate", Instant.now().minusSeconds(600).getEpochSecond(),
                SIGNING_SECRET);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat((String) replayed.map().get("message")).contains("replay window");
        ApiFixture.Answer unknown = api.postWithHeaders("/api/slack/interactions/nope", Map.of(), "payload=%7B%7D".getBytes());
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(api.get("/api/workflows/executions/" + job, ApiFixture.VIEWER).map())
                .containsEntry("status", "waiting_for_input");
    }
}
