package dev.vigil.steps.http;

import dev.vigil.model.Json;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns a JDK HTTP response into the step's value model: status text, header map, parsed body. */
public final class HttpResponses {

    private HttpResponses() {
    }

    /** Reason phrases; the JDK client does not expose the one the server sent (HTTP/2 has none at all). */
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Continue"), Map.entry(101, "Switching Protocols"),
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"),
            Map.entry(203, "Non-Authoritative Information"), Map.entry(204, "No Content"),
            Map.entry(205, "Reset Content"), Map.entry(206, "Partial Content"),
            Map.entry(300, "Multiple Choices"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(303, "See Other"), Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"),
            Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"), Map.entry(407, "Proxy Authentication Required"),
            Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
            Map.entry(411, "Length Required"), Map.entry(412, "Precondition Failed"),
            Map.entry(413, "Payload Too Large"), Map.entry(414, "URI Too Long"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(416, "Range Not Satisfiable"),
            Map.entry(417, "Expectation Failed"), Map.entry(418, "I'm a Teapot"),
            Map.entry(422, "Unprocessable Entity"), Map.entry(423, "Locked"), Map.entry(424, "Failed Dependency"),
            Map.entry(425, "Too Early"), Map.entry(426, "Upgrade Required"), Map.entry(428, "Precondition Required"),
            Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(451, "Unavailable For Legal Reasons"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"), Map.entry(505, "HTTP Version Not Supported"),
            Map.entry(507, "Insufficient Storage"), Map.entry(511, "Network Authentication Required"));

    public static String statusText(int status) {
        return REASONS.getOrDefault(status, "");
    }

    /** Lower-case name → value, repeated headers joined with ", " (as fetch's Headers does); sorted by name. */
    public static Map<String, Object> headers(HttpHeaders headers) {
        Map<String, Object> out = new TreeMap<>();
        headers.map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                out.merge(name.toLowerCase(Locale.ROOT), String.join(", ", values),
                        (a, b) -> a + ", " + b);
            }
        });
        return new LinkedHashMap<>(out);
    }

    /**
     * The body as JSON when the content type says JSON or the text is a JSON object or array; otherwise text.
     * A body announced as JSON that does not parse is returned as text rather than failing the step.
     */
    public static Object data(byte[] body, String contentType) {
        String text = new String(body, charset(contentType));
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String trimmed = text.strip();
        boolean looksStructured = trimmed.startsWith("{") && trimmed.endsWith("}")
                || trimmed.startsWith("[") && trimmed.endsWith("]");
        if (!trimmed.isEmpty() && (type.contains("json") || looksStructured)) {
            try {
                return Json.parse(text);
            } catch (IllegalArgumentException notJson) {
                return text;
            }
        }
        return text;
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (IllegalArgumentException unknown) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
