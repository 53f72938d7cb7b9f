package dev.vigil.decisions;

import dev.vigil.webhook.SignedLinks;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One-click decision links: {@code /api/decisions/{executionId}/{stepPath}/{choice}?expires=&for=&token=}, the
 * token an HMAC (with the webhook master key) of what the link answers, with what, until when and for whom. Made
 * here for the API ({@code decision-links}) and for the e-mail Vigil sends; checked by the API when clicked.
 */
public final class DecisionLinks {

    public static final String PATH = "/api/decisions/{executionId}/{stepPath}/{choice}";

    /** One option's link: the path (with its query) to append to the server's public URL. */
    public record Link(String choice, String path) {
    }

    private final SignedLinks links;

    public DecisionLinks(SignedLinks links) {
        this.links = links;
    }

    /** The message a link's token signs. */
    public static String message(String executionId, String stepPath, String choice, long expires, String recipient) {
        return "decision:" + executionId + ":" + stepPath + ":" + choice + ":" + expires
                + (recipient == null ? "" : ":for:" + recipient);
    }

    /** One link per choice, expiring at {@code expires} (unix seconds), for {@code recipient} (null: anyone). */
    public List<Link> forChoices(String executionId, String stepPath, List<String> choices, long expires,
                                 String recipient) {
        List<Link> out = new ArrayList<>();
        for (String choice : choices) {
            out.add(new Link(choice, PATH.replace("{executionId}", encode(executionId))
                    .replace("{stepPath}", encode(stepPath)).replace("{choice}", encode(choice))
                    + "?expires=" + expires + (recipient == null ? "" : "&for=" + encode(recipient)) + "&token="
                    + links.token(message(executionId, stepPath, choice, expires, recipient))));
        }
        return out;
    }

    /** Whether {@code token} signs this answer. */
    public boolean verify(String executionId, String stepPath, String choice, long expires, String recipient,
                          String token) {
        return links.verify(message(executionId, stepPath, choice, expires, recipient), token);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
