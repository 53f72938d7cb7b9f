package dev.vigil.connectors.elastic;

import dev.vigil.model.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** How step values become URL text: path segments, raw paths written in workflows, query values. */
final class UrlText {

    private UrlText() {
    }

    /**
     * One path segment, encoded as JavaScript's {@code encodeURIComponent} does (Kibana fills path parameters that
     * way): {@code my index/1} becomes {@code my%20index%2F1}; {@code * ( ) ! ' ~ - _ .} stay as they are.
     */
    static String segment(Object value) {
        return URLEncoder.encode(text(value), StandardCharsets.UTF_8)
                .replace("+", "%20").replace("%21", "!").replace("%27", "'").replace("%28", "(")
                .replace("%29", ")").replace("%7E", "~");
    }

    /**
     * A path as a workflow wrote it ({@code /{{index}}/_doc/{{id}}}): kept as written, except characters a URL cannot
     * carry (spaces, quotes, non-ASCII ...) and a {@code %} that starts no escape, which are percent-encoded.
     * Slashes and an existing {@code ?query} stay.
     */
    static String rawPath(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        StringBuilder out = new StringBuilder(p.length() + 8);
        byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean escape = b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2]);
            if (escape || b < 0x80 && allowed((char) b)) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }

    private static boolean hex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    /** A query or path value as text: lists joined by commas (as Kibana does), objects as JSON. */
    static String text(Object value) {
        return switch (value) {
            case null -> "";
            case List<?> list -> {
                StringJoiner joined = new StringJoiner(",");
                list.forEach(v -> joined.add(text(v)));
                yield joined.toString();
            }
            case Map<?, ?> map -> Json.write(map);
            case Double d when d == Math.rint(d) && !d.isInfinite() -> String.valueOf(d.longValue());
            default -> String.valueOf(value);
        };
    }
}
