package dev.vigil.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 for webhooks: deriving a workflow's secret from the master key, and signing a request with it.
 *
 * <p>A secret is {@code hex(HMAC-SHA256(masterKey, "<workflowId>:<generation>"))}: nothing secret is stored, a
 * rotation is a new generation, and a secret for one workflow says nothing about another's. A sender uses the
 * secret's text as its HMAC key, as GitHub's webhook secrets are used.
 */
public final class WebhookSecrets {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final MasterKey master;

    public WebhookSecrets(MasterKey master) {
        this.master = master;
    }

    public String secret(String workflowId, int generation) {
        return HEX.formatHex(hmac(master.bytes(), (workflowId + ":" + generation).getBytes(StandardCharsets.UTF_8)));
    }

    /** The {@code X-Vigil-Signature} value for a body sent at {@code timestamp} (unix seconds): {@code sha256=<hex>}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        return "sha256=" + HEX.formatHex(mac(secret, timestamp, body));
    }

    /** The raw MAC over {@code <timestamp>.<body>}: the timestamp is signed, so it cannot be changed to replay. */
    static byte[] mac(String secret, String timestamp, byte[] body) {
        Mac mac = newMac(secret.getBytes(StandardCharsets.UTF_8));
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        return mac.doFinal(body);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        return newMac(key).doFinal(data);
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe: one per use, which costs microseconds
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
