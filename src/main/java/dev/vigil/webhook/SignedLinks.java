package dev.vigil.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens for links that act without an API key (a decision's one-click answers in a chat or an e-mail):
 * {@code base64url(HMAC-SHA256(masterKey, message))}, where the message names everything the link does, so that
 * changing any part of the link breaks its token. The master key never leaves the node ({@link MasterKey}).
 */
public final class SignedLinks {

    private final MasterKey master;

    public SignedLinks(MasterKey master) {
        this.master = master;
    }

    public String token(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master.bytes(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Whether the token was made for this message, compared in constant time. */
    public boolean verify(String message, String token) {
        return token != null && MessageDigest.isEqual(token(message).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
