package dev.vigil.template;

import static dev.vigil.template.Filters.str;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTML, URI and base64 filters with LiquidJS / JavaScript encoding rules. */
final class HtmlFilters {

    private HtmlFilters() {
    }

    static void register(Filters f) {
        f.add("escape", (v, a, st) -> escape(str(v)));
        f.add("xml_escape", (v, a, st) -> escape(str(v)));
        f.add("escape_once", (v, a, st) -> escape(unescape(str(v))));
        f.add("newline_to_br", (v, a, st) -> str(v).replaceAll("\\r?\\n", "<br />\n"));
        f.add("strip_html", (v, a, st) -> stripHtml(str(v)));
        f.add("url_encode", (v, a, st) -> encode(str(v), COMPONENT_SAFE).replace("%20", "+"));
        f.add("url_decode", (v, a, st) -> decode(str(v)).replace('+', ' '));
        f.add("cgi_escape", (v, a, st) -> encode(str(v), COMPONENT_SAFE).replace("%20", "+")
                .replace("!", "%21").replace("'", "%27").replace("(", "%28").replace(")", "%29")
                .replace("*", "%2A"));
        f.add("uri_escape", (v, a, st) -> encode(str(v), URI_SAFE).replace("%5B", "[").replace("%5D", "]"));
        f.add("base64_encode", (v, a, st) -> Base64.getEncoder().encodeToString(str(v).getBytes(StandardCharsets.UTF_8)));
        f.add("base64_decode", (v, a, st) -> {
            String s = str(v).replaceAll("[\\s]", "").replace('-', '+').replace('_', '/');
            int pad = s.length() % 4;
            if (pad == 2 || pad == 3) {
                s += "=".repeat(4 - pad);
            }
            try {
                return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException bad) {
                throw new LiquidError("base64_decode: invalid base64 input", -1);
            }
        });
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** LiquidJS strip_html: drops tags, and script/style/comment blocks with their content. */
    static String stripHtml(String s) {
        String[][] blocks = {{"<script", "</script>"}, {"<style", "</style>"}, {"<!--", "-->"}};
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int lt = s.indexOf('<', i);
            if (lt < 0) {
                return out.append(s, i, s.length()).toString();
            }
            out.append(s, i, lt);
            int end = -1;
            for (String[] block : blocks) {
                if (s.startsWith(block[0], lt)) {
                    int close = s.indexOf(block[1], lt + block[0].length());
                    if (close >= 0) {
                        end = close + block[1].length();
                    }
                    break;
                }
            }
            if (end < 0) {
                end = s.indexOf('>', lt + 1) + 1;
            }
            if (end <= 0) {
                return out.append(s, lt, s.length()).toString();
            }
            i = end;
        }
        return out.toString();
    }

    private static final String COMPONENT_SAFE = "-_.!~*'()";
    private static final String URI_SAFE = "-_.!~*'();,/?:@&=+$#";

    /** encodeURIComponent / encodeURI: UTF-8 percent-encoding with upper-case hex. */
    static String encode(String s, String safe) {
        StringBuilder sb = new StringBuilder(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c < 128 && safe.indexOf(c) >= 0)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** decodeURIComponent: %XX sequences as UTF-8; malformed input fails like JavaScript's URIError. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '%') {
                sb.append(c);
                i++;
                continue;
            }
            bytes.reset();
            while (i < s.length() && s.charAt(i) == '%') {
                if (i + 3 > s.length()) {
                    throw new LiquidError("URI malformed", -1);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new LiquidError("URI malformed", -1);
                }
                bytes.write(hi * 16 + lo);
                i += 3;
            }
            byte[] raw = bytes.toByteArray();
            var decoder = StandardCharsets.UTF_8.newDecoder();
            try {
                sb.append(decoder.decode(java.nio.ByteBuffer.wrap(raw)));
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new LiquidError("URI malformed", -1);
            }
        }
        return sb.toString();
    }
}
