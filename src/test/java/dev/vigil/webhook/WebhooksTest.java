package dev.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signing and checking webhook requests, with the clock in the test's hand. */
class WebhooksTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final byte[] BODY = "{\"host\":\"wks-7\"}".getBytes(StandardCharsets.UTF_8);

    final ManualClock clock = new ManualClock(NOW);
    final MemoryStore store = new MemoryStore();
    final Webhooks webhooks = new Webhooks(store, MasterKey.of(key(7)), clock, Duration.ofMinutes(5));

    static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    static String seconds(Instant at) {
        return Long.toString(at.getEpochSecond());
    }

    /** Generations in memory, as the JDBC store keeps them (its own contract test covers it). */
    static final class MemoryStore implements WebhookStore {
        final Map<String, Integer> generations = new HashMap<>();

        @Override
        public int generation(String workflowId) {
            return generations.getOrDefault(workflowId, 1);
        }

        @Override
        public int rotate(String workflowId, String actor, Instant at) {
            return generations.merge(workflowId, 2, (old, two) -> old + 1);
        }

        final java.util.Set<String> delivered = new java.util.HashSet<>();

        @Override
        public boolean firstDelivery(String signature, String workflowId, Instant at, Instant forgetBefore) {
            return delivered.add(signature);
        }
    }

    @Test
    void aRequestSignedWithTheWorkflowsSecretAndTimestampIsAccepted() {
        String secret = webhooks.describe("triage").secret();
        String signature = WebhookSecrets.sign(secret, seconds(NOW), BODY);
        assertThat(signature).matches("sha256=[0-9a-f]{64}");
        assertThat(webhooks.verify("triage", seconds(NOW), signature, BODY)).isInstanceOf(Webhooks.Verdict.Signed.class);
    }

    @Test
    void theSecretIsDerivedPerWorkflowAndGenerationAndFromTheMasterKey() {
        Webhooks.Webhook triage = webhooks.describe("triage");
        assertThat(triage).extracting(Webhooks.Webhook::path, Webhooks.Webhook::generation)
                .containsExactly("/api/webhooks/triage", 1);
        assertThat(triage.secret()).hasSize(64).isNotEqualTo(webhooks.describe("phishing").secret());
        assertThat(new Webhooks(store, MasterKey.of(key(8)), clock, Duration.ofMinutes(5)).describe("triage").secret())
                .as("another master key").isNotEqualTo(triage.secret());
        assertThat(webhooks.describe("triage")).as("stable").isEqualTo(triage);
        Webhooks.Webhook rotated = webhooks.rotate("triage", "apikey:admin");
        assertThat(rotated.generation()).isEqualTo(2);
        assertThat(rotated.secret()).isNotEqualTo(triage.secret());
    }

    @Test
    void aChangedBodyTimestampOrSecretDoesNotMatch() {
        String secret = webhooks.describe("triage").secret();
        String signature = WebhookSecrets.sign(secret, seconds(NOW), BODY);
        assertThat(refusal("triage", seconds(NOW), signature, "{\"host\":\"wks-8\"}".getBytes()))
                .isEqualTo(Webhooks.MISMATCH);
        assertThat(refusal("triage", seconds(NOW.plusSeconds(1)), signature, BODY)).isEqualTo(Webhooks.MISMATCH);
        assertThat(refusal("triage", seconds(NOW), WebhookSecrets.sign(secret + "x", seconds(NOW), BODY), BODY))
                .isEqualTo(Webhooks.MISMATCH);
        assertThat(refusal("triage", seconds(NOW), "sha1=abc", BODY)).isEqualTo(Webhooks.MISMATCH);
        webhooks.rotate("triage", "apikey:admin");
        assertThat(refusal("triage", seconds(NOW), signature, BODY)).as("rotated away").isEqualTo(Webhooks.MISMATCH);
    }

    @Test
    void anUnknownWorkflowIsRefusedExactlyLikeAWrongSignature() {
        String secret = webhooks.describe("triage").secret();
        assertThat(refusal("no-such-workflow", seconds(NOW), WebhookSecrets.sign(secret, seconds(NOW), BODY), BODY))
                .isEqualTo(Webhooks.MISMATCH);
    }

    @Test
    void timestampsOutsideTheToleranceAreRefusedAsReplays() {
        String secret = webhooks.describe("triage").secret();
        for (Instant at : new Instant[] {NOW.minusSeconds(301), NOW.plusSeconds(301)}) {
            String message = refusal("triage", seconds(at), WebhookSecrets.sign(secret, seconds(at), BODY), BODY);
            assertThat(message).contains("is 301 s away").contains("at most 300 s").contains("replayed");
        }
        Instant edge = NOW.minusSeconds(300);
        assertThat(webhooks.verify("triage", seconds(edge), WebhookSecrets.sign(secret, seconds(edge), BODY), BODY))
                .isInstanceOf(Webhooks.Verdict.Signed.class);
        clock.advance(Duration.ofMinutes(6));
        assertThat(refusal("triage", seconds(NOW), WebhookSecrets.sign(secret, seconds(NOW), BODY), BODY))
                .as("the same request, later").contains("replayed");
    }

    @Test
    void missingOrMalformedHeadersAreRefusedWithWhatToSend() {
        assertThat(refusal("triage", null, "sha256=00", BODY)).contains("X-Vigil-Timestamp").contains("X-Vigil-Signature");
        assertThat(refusal("triage", seconds(NOW), "", BODY)).contains("must be signed");
        assertThat(refusal("triage", "2026-11-23T10:00:00Z", "sha256=00", BODY)).contains("whole seconds");
        assertThat(refusal("triage", "-5", "sha256=00", BODY)).contains("whole seconds");
    }

    @Test
    void theToleranceMustBePositive() {
        assertThatThrownBy(() -> new Webhooks(store, MasterKey.of(key(1)), clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MasterKey.of(new byte[16])).hasMessageContaining("at least 32 bytes");
    }

    private String refusal(String workflowId, String timestamp, String signature, byte[] body) {
        Webhooks.Verdict verdict = webhooks.verify(workflowId, timestamp, signature, body);
        assertThat(verdict).isInstanceOf(Webhooks.Verdict.Refused.class);
        return ((Webhooks.Verdict.Refused) verdict).message();
    }
}
