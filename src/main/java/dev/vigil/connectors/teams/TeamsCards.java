package dev.vigil.connectors.teams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payloads a Teams incoming webhook takes.
 *
 * <p>Vigil sends an <b>Adaptive Card</b> in a {@code message} envelope by default. Microsoft is retiring the Office
 * 365 connectors ("Incoming Webhook" app) that took the older MessageCard ({@code {text}}, what Kibana's
 * {@code .teams} sends); their replacement, the Workflows app's "When a Teams webhook request is received" trigger
 * (Power Automate), takes Adaptive Cards only — and the old connectors take Adaptive Cards in this envelope too, so
 * this one format works on both. {@code config.format: messagecard} keeps the old format for a legacy webhook that
 * someone needs to keep as it is.
 */
final class TeamsCards {

    static final String ADAPTIVE_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    // 1.4 is the newest version every Teams client and the Workflows "post card" action render
    static final String VERSION = "1.4";

    private TeamsCards() {
    }

    /** A card with an optional bold title above the message. */
    static Map<String, Object> adaptiveCard(String title, String message) {
        List<Object> body = new ArrayList<>();
        if (title != null) {
            body.add(textBlock(title, true));
        }
        if (message != null) {
            body.add(textBlock(message, false));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", SCHEMA);
        card.put("type", "AdaptiveCard");
        card.put("version", VERSION);
        card.put("body", body);
        card.put("msteams", Map.of("width", "Full"));
        return card;
    }

    /** The envelope both kinds of webhook take: a message with the card as its one attachment. */
    static Map<String, Object> message(Map<String, Object> card) {
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", ADAPTIVE_CONTENT_TYPE);
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", "message");
        envelope.put("attachments", List.of(attachment));
        return envelope;
    }

    /** The legacy connector card. */
    static Map<String, Object> messageCard(String title, String message) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("@type", "MessageCard");
        card.put("@context", "https://schema.org/extensions");
        card.put("summary", title != null ? title : firstLine(message));
        if (title != null) {
            card.put("title", title);
        }
        card.put("text", message);
        return card;
    }

    private static Map<String, Object> textBlock(String text, boolean heading) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("type", "TextBlock");
        block.put("text", text);
        block.put("wrap", true);
        if (heading) {
            block.put("weight", "Bolder");
            block.put("size", "Medium");
        }
        return block;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 79) + "…" : line;
    }
}
