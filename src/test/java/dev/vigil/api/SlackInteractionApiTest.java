package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.connectors.ConnectorInput;
import dev.vigil.connectors.ConnectorService;
import dev.vigil.model.Json;
import dev.vigil.sims.GenericHttpSim;
import dev.vigil.sims.Simulator;
import dev.vigil.sims.SlackSim;
import dev.vigil.connectors.slack.SlackMessages;
import dev.vigil.decisions.SlackDecisions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** Slack's Web API, where Vigil posts decisions that name a channel. */
    final SlackSim slack = new SlackSim();

    @BeforeEach
    void slackConnector() {
        api.connectors.create(new ConnectorInput("soc-slack", "slack", Map.of(
                "users", Map.of("U0ALICE", "alice", "U0BOB", Map.of("name", "bob", "role", "responder"),
                        "U0VIEW", Map.of("name", "val", "role", "viewer")),
                "defaultChannel", "#soc", "baseUrl", slack.url() + "/api"),
                Map.of("token", SlackSim.TOKEN, "signingSecret", SIGNING_SECRET),
                null), ConnectorService.API);
    }

    @AfterEach
    void closeSim() {
        responses.close();
        slack.close();
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

    /** The button of {@code choice} in a decision message's blocks, as Slack sends it back when clicked. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> button(List<Object> blocks, String choice) {
        return blocks.stream().map(b -> (Map<String, Object>) b).filter(b -> "actions".equals(b.get("type")))
                .flatMap(b -> ((List<Map<String, Object>>) b.get("elements")).stream())
                .filter(e -> ("vigil_decision:" + choice).equals(e.get("action_id"))).findFirst().orElseThrow();
    }

    /** The button Vigil would post for {@code choice} of the triage decision of {@code job}. */
    private static Map<String, Object> button(String job, String choice) {
        return button(SlackMessages.decisionBlocks("Contain wks-7?", List.of(new SlackMessages.Option("isolate", null),
                new SlackMessages.Option("monitor", null), new SlackMessages.Option("close", null)),
                SlackDecisions.reference(job, "triage")), choice);
    }

    private ApiFixture.Answer click(String job, String slackUser, String choice, long timestamp, String secret) {
        return click(button(job, choice), slackUser, timestamp, secret);
    }

    private ApiFixture.Answer click(Map<String, Object> button, String slackUser, long timestamp, String secret) {
        String payload = Json.write(Map.of("type", "block_actions", "user", Map.of("id", slackUser),
                "response_url", responses.url() + "/echo/response/" + slackUser,
                "actions", List.of(Map.of("type", "button", "block_id", SlackMessages.DECISION_BLOCK_ID,
                        "action_id", button.get("action_id"), "value", button.get("value"),
                        "action_ts", "1700000000.000100"))));
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
        String job = waitingJob("      slack: {channel: C0SOC, connector-id: soc-slack}");
        Map<String, Object> posted = awaitPost(job);
        assertThat(posted).containsEntry("channel", "C0SOC");
        assertThat((String) posted.get("text")).startsWith("Contain wks-7?").contains(job);
        List<Object> blocks = (List<Object>) posted.get("blocks");
        for (String choice : List.of("isolate", "monitor", "close")) {
            assertThat(button(blocks, choice)).as("one button per option").isNotNull();
        }
        assertThat((Map<String, Object>) button(blocks, "isolate").get("text")).containsEntry("text",
                "Isolate the host");

        ApiFixture.Answer first = click(button(blocks, "isolate"), "U0ALICE", Instant.now().getEpochSecond(),
                SIGNING_SECRET);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.map()).containsEntry("status", 200L);
        Map<String, Object> detail = awaitEnd(job);
        assertThat(detail).containsEntry("status", "completed");
        Map<String, Object> triage = ((List<Map<String, Object>>) detail.get("stepExecutions")).stream()
                .filter(s -> "triage".equals(s.get("stepId"))).findFirst().orElseThrow();
        assertThat((Map<String, Object>) triage.get("output")).containsEntry("choice", "isolate")
                .containsEntry("respondedBy", "user:alice").containsEntry("channel", "slack");

        Map<String, Object> update = awaitUpdate(job);
        assertThat((String) update.get("text")).as("the buttons give way to the outcome").contains("Contain wks-7?")
                .contains("Decided: isolate, by user:alice (slack)");
        assertThat(String.valueOf(update.get("blocks"))).doesNotContain("vigil_decision");

        Simulator.Request replaced = responses.requests("POST", "/echo/response/U0ALICE").getFirst();
        assertThat(replaced.jsonObject()).containsEntry("replace_original", true);
        assertThat((String) replaced.jsonObject().get("text")).contains("isolate").contains("alice");

        ApiFixture.Answer late = click(job, "U0BOB", "close");
        assertThat(late.map()).containsEntry("status", 409L);
        assertThat((String) late.map().get("text")).contains("alice").contains("isolate");
        Simulator.Request told = responses.requests("POST", "/echo/response/U0BOB").getFirst();
        assertThat(told.jsonObject()).containsEntry("response_type", "ephemeral").containsEntry("replace_original", false);

        String audit = api.get("/api/workflows/executions/" + job + "/decisions/audit", ApiFixture.VIEWER).raw().body();
        assertThat(audit).contains("user:alice").contains("user:bob").contains("already decided").contains("slack")
                .contains("posted to C0SOC through soc-slack");
    }

    /** The decision message Vigil posted for {@code job} (it posts after the job starts waiting, on its own thread). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitPost(String job) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Optional<Map<String, Object>> post = slack.posted().stream()
                    .filter(p -> String.valueOf(p.get("text")).contains(job)).findFirst();
            if (post.isPresent()) {
                return post.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no decision of job " + job + " was posted to Slack; trail: "
                + api.get("/api/workflows/executions/" + job + "/decisions/audit", ApiFixture.VIEWER).raw().body());
    }

    /** The chat.update of the decision message Vigil posted for {@code job} (10 s at most). */
    private Map<String, Object> awaitUpdate(String job) throws InterruptedException {
        awaitPost(job);
        for (int i = 0; i < 1000; i++) {
            Optional<Map<String, Object>> update = slack.updates().stream()
                    .filter(u -> String.valueOf(u.get("text")).contains(job) && "C0SOC".equals(u.get("channel")))
                    .findFirst();
            if (update.isPresent()) {
                return update.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the decision message of job " + job + " was not updated; updates: "
                + slack.updates());
    }

    @Test
    void aDecisionAnsweredElsewhereOrTimedOutNoLongerOffersItsButtonsInSlack() throws Exception {
        String job = waitingJob("      slack: {channel: \"#soc-alerts\", connector-id: soc-slack}");
        awaitPost(job);
        assertThat(api.post("/api/workflows/executions/" + job + "/resume", ApiFixture.RESPONDER,
                "{\"input\": {\"choice\": \"close\"}}").status()).isEqualTo(200);
        assertThat((String) awaitUpdate(job).get("text")).contains("Decided: close, by apikey:responder (api)");

        String dropped = waitingJob("      slack: {channel: C0SOC, connector-id: soc-slack}");
        awaitPost(dropped);
        assertThat(api.post("/api/workflows/executions/" + dropped + "/cancel", ApiFixture.RESPONDER, null).status())
                .isEqualTo(200);
        assertThat((String) awaitUpdate(dropped).get("text")).contains("Cancelled by apikey:responder");

        String idle = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml",
                DecisionApiTest.triage("1s", "      default: monitor\n      slack: {channel: C0SOC}")
                        .replaceFirst("name: triage\n", "name: triage-idle\n")))).map().get("id");
        api.post("/api/workflows/workflow/" + idle + "/activate", ApiFixture.EDITOR, null);
        String timedOut = (String) api.post("/api/workflows/workflow/" + idle + "/run", ApiFixture.RESPONDER, "{}")
                .map().get("workflowExecutionId");
        assertThat(awaitEnd(timedOut)).containsEntry("status", "completed");
        assertThat((String) awaitUpdate(timedOut).get("text")).contains("Timed out")
                .contains("default path 'monitor' taken");
    }

    @Test
    void aDecisionThatCannotBePostedStillWaitsAndTheTrailSaysWhy() throws Exception {
        String job = waitingJob("      slack: {channel: C0NOPE, connector-id: soc-slack}");
        assertThat(awaitTrail(job, "post-failed")).contains("channel_not_found");
        api.connectors.create(new ConnectorInput("hooks", "http", Map.of("baseUrl", responses.url()), Map.of(), null),
                ConnectorService.API);
        String wrongType = waitingJob("      slack: {channel: C0SOC, connector-id: hooks}");
        assertThat(awaitTrail(wrongType, "post-failed")).contains("connector 'hooks' is a http connector; it needs"
                + " a slack one");
        assertThat(api.get("/api/workflows/executions/" + job, ApiFixture.VIEWER).map())
                .containsEntry("status", "waiting_for_input");
        assertThat(click(job, "U0ALICE", "monitor").map()).containsEntry("status", 200L);
        assertThat(awaitEnd(job)).containsEntry("status", "completed");
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
