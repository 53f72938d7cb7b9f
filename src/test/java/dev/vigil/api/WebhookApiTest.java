package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import dev.vigil.webhook.MasterKey;
import dev.vigil.webhook.WebhookSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks over real HTTP: a signed POST starts the workflow; everything else is refused, and says why only to a signer. */
class WebhookApiTest {

    static final String HOOKED = """
            name: edr-isolate
            triggers:
              - type: webhook
            steps:
              - {name: note, type: console, with: {message: "isolate {{ event.host.name }}"}}
            """;
    static final String ALERT_ONLY = """
            name: alert-only
            triggers: [{type: alert, with: {rule_name: Malware}}]
            steps:
              - {name: note, type: console, with: {message: alert}}
            """;
    static final String BODY = "{\"host\": {\"name\": \"wks-7\"}, \"severity\": 73, \"tags\": [\"edr\"]}";

    @TempDir
    Path dir;
    ApiFixture api;
    String hooked;

    @BeforeEach
    void start() {
        api = new ApiFixture(dir);
        hooked = activated(HOOKED);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String created(String yaml) {
        ApiFixture.Answer answer = api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml", yaml)));
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        return (String) answer.map().get("id");
    }

    private String activated(String yaml) {
        String id = created(yaml);
        assertThat(api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null).status())
                .isEqualTo(200);
        return id;
    }

    private Map<String, Object> webhook(String id) {
        ApiFixture.Answer answer = api.get("/api/workflows/workflow/" + id + "/webhook", ApiFixture.ADMIN);
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        assertThat(answer.raw().headers().firstValue("Cache-Control")).contains("no-store");
        return answer.map();
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    /** Posts {@code body} to {@code path}, signed with {@code secret} at {@code timestamp}, as a sender would. */
    private ApiFixture.Answer signed(String path, String secret, String timestamp, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return api.postWithHeaders(path, Map.of("X-Vigil-Timestamp", timestamp,
                "X-Vigil-Signature", WebhookSecrets.sign(secret, timestamp, bytes)), bytes);
    }

    @Test
    void aSignedPostStartsTheWorkflowWithTheBodyAsItsEvent() throws Exception {
        Map<String, Object> webhook = webhook(hooked);
        assertThat(webhook).containsEntry("url", "/api/webhooks/" + hooked).containsEntry("generation", 1L);
        assertThat((String) webhook.get("secret")).matches("[0-9a-f]{64}");

        ApiFixture.Answer answer = signed((String) webhook.get("url"), (String) webhook.get("secret"), now(), BODY);
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(202);
        Map<String, Object> done = awaitEnd((String) answer.map().get("workflowExecutionId"));
        assertThat(done).containsEntry("status", "completed").containsEntry("workflowId", hooked)
                .containsEntry("triggeredBy", "webhook").containsEntry("executedBy", "webhook")
                .containsEntry("event", Json.parse(BODY));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) done.get("stepExecutions");
        assertThat(steps.getFirst()).containsEntry("output", "isolate wks-7");

        // the very same request again (captured in transit, timestamp still fresh) starts nothing
        ApiFixture.Answer replay = signed((String) webhook.get("url"), (String) webhook.get("secret"),
                answer.raw().request().headers().firstValue("X-Vigil-Timestamp").orElseThrow(), BODY);
        assertThat(replay.status()).isEqualTo(401);
        assertThat((String) replay.map().get("message")).contains("received before");
    }

    @Test
    void wrongMissingOrStaleSignaturesAreRefused() {
        String secret = (String) webhook(hooked).get("secret");
        String path = "/api/webhooks/" + hooked;

        ApiFixture.Answer wrong = signed(path, secret + "x", now(), BODY);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat((String) wrong.map().get("message")).startsWith("the signature does not match");

        ApiFixture.Answer unsigned = api.postWithHeaders(path, Map.of(), BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat((String) unsigned.map().get("message")).contains("must be signed");
        ApiFixture.Answer noTimestamp = api.postWithHeaders(path, Map.of("X-Vigil-Signature",
                WebhookSecrets.sign(secret, now(), BODY.getBytes(StandardCharsets.UTF_8))), BODY.getBytes());
        assertThat(noTimestamp.status()).isEqualTo(401);

        String tenMinutesAgo = Long.toString(Instant.now().getEpochSecond() - 600);
        ApiFixture.Answer stale = signed(path, secret, tenMinutesAgo, BODY);
        assertThat(stale.status()).isEqualTo(401);
        assertThat((String) stale.map().get("message")).contains("at most 300 s").contains("replayed");

        // a request recorded ten minutes ago, replayed with a fresh timestamp: the timestamp is part of what is signed
        byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
        ApiFixture.Answer replayed = api.postWithHeaders(path, Map.of("X-Vigil-Timestamp", now(),
                "X-Vigil-Signature", WebhookSecrets.sign(secret, tenMinutesAgo, bytes)), bytes);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat((String) replayed.map().get("message")).startsWith("the signature does not match");

        assertThat(api.get("/api/workflows/workflow/executions", ApiFixture.VIEWER).map())
                .as("nothing started").containsEntry("total", 0L);
    }

    @Test
    void anUnknownWorkflowGetsTheSameAnswerAsABadSignature() {
        String secret = (String) webhook(hooked).get("secret");
        ApiFixture.Answer unknown = signed("/api/webhooks/no-such-workflow", secret, now(), BODY);
        ApiFixture.Answer badSignature = signed("/api/webhooks/" + hooked, "not-the-secret", now(), BODY);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(badSignature.body());
        assertThat(unknown.raw().headers().firstValue("WWW-Authenticate"))
                .isEqualTo(badSignature.raw().headers().firstValue("WWW-Authenticate"));
    }

    @Test
    void onlyAnActiveWorkflowWithAWebhookTriggerStartsAndASignerIsToldWhy() {
        String alertOnly = activated(ALERT_ONLY);
        ApiFixture.Answer noTrigger = signed("/api/webhooks/" + alertOnly, (String) webhook(alertOnly).get("secret"),
                now(), BODY);
        assertThat(noTrigger.status()).isEqualTo(404);
        assertThat((String) noTrigger.map().get("message")).contains("no webhook trigger");

        String draft = created(HOOKED.replace("edr-isolate", "edr-draft"));
        ApiFixture.Answer notActivated = signed("/api/webhooks/" + draft, (String) webhook(draft).get("secret"),
                now(), BODY);
        assertThat(notActivated.status()).isEqualTo(404);
        assertThat((String) notActivated.map().get("message")).contains("is draft");

        assertThat(api.post("/api/workflows/workflow/" + hooked + "/deactivate", ApiFixture.EDITOR, null).status())
                .isEqualTo(200);
        ApiFixture.Answer inactive = signed("/api/webhooks/" + hooked, (String) webhook(hooked).get("secret"), now(),
                BODY);
        assertThat(inactive.status()).isEqualTo(404);
        assertThat((String) inactive.map().get("message")).contains("is inactive");
    }

    @Test
    void aSignedBodyThatIsNotJsonIsABadRequest() {
        ApiFixture.Answer answer = signed("/api/webhooks/" + hooked, (String) webhook(hooked).get("secret"), now(),
                "{\"host\": ");
        assertThat(answer.status()).isEqualTo(400);
        assertThat((String) answer.map().get("message")).contains("not valid JSON");
    }

    @Test
    void rotationGivesANewSecretAndTheOldOneStopsWorking() throws Exception {
        String old = (String) webhook(hooked).get("secret");
        ApiFixture.Answer rotated = api.post("/api/workflows/workflow/" + hooked + "/webhook/rotate", ApiFixture.ADMIN,
                null);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.map()).containsEntry("generation", 2L).containsEntry("url", "/api/webhooks/" + hooked);
        String secret = (String) rotated.map().get("secret");
        assertThat(secret).isNotEqualTo(old);
        assertThat(webhook(hooked)).containsEntry("secret", secret);

        assertThat(signed("/api/webhooks/" + hooked, old, now(), BODY).status()).isEqualTo(401);
        ApiFixture.Answer started = signed("/api/webhooks/" + hooked, secret, now(), BODY);
        assertThat(started.status()).isEqualTo(202);
        awaitEnd((String) started.map().get("workflowExecutionId"));
    }

    @Test
    void onlyAnAdminSeesOrRotatesASecretAndOnlyOfAWorkflowThatExists() {
        assertThat(api.get("/api/workflows/workflow/" + hooked + "/webhook", ApiFixture.EDITOR).status())
                .isEqualTo(403);
        assertThat(api.post("/api/workflows/workflow/" + hooked + "/webhook/rotate", ApiFixture.EDITOR, null)
                .status()).isEqualTo(403);
        assertThat(api.get("/api/workflows/workflow/no-such-workflow/webhook", ApiFixture.ADMIN).status())
                .isEqualTo(404);
        assertThat(api.post("/api/workflows/workflow/no-such-workflow/webhook/rotate", ApiFixture.ADMIN, null)
                .status()).isEqualTo(404);
    }

    @Test
    void theMasterKeyIsAnOwnerOnlyFileAndSecretsSurviveARestart() throws Exception {
        Path file = dir.resolve(MasterKey.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        api.post("/api/workflows/workflow/" + hooked + "/webhook/rotate", ApiFixture.ADMIN, null);
        Map<String, Object> before = webhook(hooked);
        String key = Files.readString(file);

        api.close();
        api = new ApiFixture(dir);
        assertThat(Files.readString(file)).isEqualTo(key);
        assertThat(webhook(hooked)).isEqualTo(before);
        ApiFixture.Answer started = signed("/api/webhooks/" + hooked, (String) before.get("secret"), now(), BODY);
        assertThat(started.status()).isEqualTo(202);
        awaitEnd((String) started.map().get("workflowExecutionId"));
    }

    private Map<String, Object> awaitEnd(String executionId) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Map<String, Object> detail = api.get("/api/workflows/executions/" + executionId, ApiFixture.VIEWER).map();
            if (List.of("completed", "failed", "cancelled", "timed_out", "skipped").contains(detail.get("status"))) {
                return detail;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("execution " + executionId + " did not end");
    }
}
