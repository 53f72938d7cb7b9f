package dev.vigil.webhook;

import dev.vigil.engine.EngineClock;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Per-workflow webhooks without HTTP: what an admin gives a sender (URL path and secret), rotation, and the check
 * of a signed request.
 *
 * <p>A request carries {@code X-Vigil-Timestamp: <unix seconds>} and {@code X-Vigil-Signature: sha256=<hex>}, the
 * HMAC-SHA256 of {@code <timestamp>.<raw body>} with the workflow's secret. A timestamp further than the tolerance
 * from the server's clock is refused, so a captured request cannot be replayed later. The signature is checked
 * before anything about the workflow is looked at, and an id no workflow has is checked like any other (its
 * secret exists, nobody knows it): an unsigned caller cannot tell a workflow that exists from one that does not.
 */
public final class Webhooks {

    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
    public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    public static final String PATH = "/api/webhooks/";

    /** The one refusal for a signature that does not match, whether or not the workflow exists. */
    static final String MISMATCH = "the signature does not match: " + SIGNATURE_HEADER + " must be sha256=<hex "
            + "HMAC-SHA256 of '<timestamp>.<body>' keyed with this webhook's secret>, and the URL must be the one "
            + "given with the secret";

    private static final Pattern SECONDS = Pattern.compile("^[0-9]{1,12}$");
    private static final Pattern SIGNATURE = Pattern.compile("^sha256=[0-9a-fA-F]{64}$");

    /** What a sender needs: where to post, the secret to sign with, and which generation of it this is. */
    public record Webhook(String workflowId, String path, String secret, int generation) {
    }

    /** Whether a request is signed by the workflow's current secret; a refusal says what was wrong. */
    public sealed interface Verdict {
        record Signed() implements Verdict {
        }

        record Refused(String message) implements Verdict {
        }
    }

    private final WebhookStore store;
    private final WebhookSecrets secrets;
    private final EngineClock clock;
    private final Duration tolerance;
    private final SignedLinks links;

    public Webhooks(WebhookStore store, MasterKey master, EngineClock clock, Duration tolerance) {
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("the webhook timestamp tolerance must be positive, not " + tolerance);
        }
        this.store = store;
        this.secrets = new WebhookSecrets(master);
        this.clock = clock;
        this.tolerance = tolerance;
        this.links = new SignedLinks(master);
    }

    /** Signs and checks one-click links (a decision's answers) with the same master key. */
    public SignedLinks links() {
        return links;
    }

    /** The workflow's webhook as it is now; the caller checks that the workflow exists. */
    public Webhook describe(String workflowId) {
        return webhook(workflowId, store.generation(workflowId));
    }

    /** A new secret for the workflow; the old one is refused from now on. */
    public Webhook rotate(String workflowId, String actor) {
        return webhook(workflowId, store.rotate(workflowId, actor, clock.now()));
    }

    public Verdict verify(String workflowId, String timestamp, String signature, byte[] body) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return new Verdict.Refused("a webhook request must be signed: send " + TIMESTAMP_HEADER
                    + ": <unix seconds> and " + SIGNATURE_HEADER + ": sha256=<hex HMAC-SHA256 of '<timestamp>.<body>' "
                    + "keyed with the webhook's secret>");
        }
        String seconds = timestamp.strip();
        if (!SECONDS.matcher(seconds).matches()) {
            return new Verdict.Refused(TIMESTAMP_HEADER + " must be the time of sending in whole seconds since "
                    + "1970-01-01T00:00:00Z (e.g. " + clock.now().getEpochSecond() + ")");
        }
        long off = Math.abs(clock.now().getEpochSecond() - Long.parseLong(seconds));
        if (off > tolerance.toSeconds()) {
            return new Verdict.Refused(TIMESTAMP_HEADER + " " + seconds + " is " + off + " s away from the server's "
                    + "time; at most " + tolerance.toSeconds() + " s are accepted, so that a recorded request cannot "
                    + "be replayed (sign each request when it is sent, and check the sender's clock)");
        }
        String given = signature.strip();
        if (!SIGNATURE.matcher(given).matches()) {
            return new Verdict.Refused(MISMATCH);
        }
        byte[] expected = WebhookSecrets.mac(secrets.secret(workflowId, store.generation(workflowId)), seconds, body);
        byte[] actual = HexFormat.of().parseHex(given.substring("sha256=".length()));
        if (!MessageDigest.isEqual(expected, actual)) {
            return new Verdict.Refused(MISMATCH);
        }
        // twice the tolerance: a request may be signed up to the tolerance ahead of the server's clock
        Instant now = clock.now();
        if (!store.firstDelivery(given, workflowId, now, now.minus(tolerance.multipliedBy(2)))) {
            return new Verdict.Refused("this exact request (same signature) was received before; a webhook request "
                    + "is accepted once: sign each delivery with its own timestamp");
        }
        return new Verdict.Signed();
    }

    private Webhook webhook(String workflowId, int generation) {
        return new Webhook(workflowId, PATH + workflowId, secrets.secret(workflowId, generation), generation);
    }
}
