package dev.vigil.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every secret value this process has seen (connector secrets, tokens obtained with them), and the one function
 * that takes them out of text before it is stored or logged.
 *
 * <p>Process-wide on purpose: log output is process-wide (Logback is configured once per JVM), and a value that is
 * a secret anywhere in the process must not leave it through any store or log. Values are added when a connector
 * is loaded or a token is obtained, and kept until the process ends: a secret removed from a connector is still a
 * secret in the outputs of runs that used it.
 *
 * <p>Each value is matched as written, JSON-escaped (values are stored as JSON) and URL-encoded (it may have been
 * put in a query string). Values shorter than {@link #MIN_LENGTH} are not matched: replacing every "ab" in
 * history would destroy it, and a secret that short protects nothing.
 */
public final class KnownSecrets {

    public static final String MASK = "[REDACTED]";
    static final int MIN_LENGTH = 6;

    /** Longest first, so a secret containing another is replaced whole. Copy-on-write: reads far outnumber adds. */
    private static volatile String[] forms = new String[0];

    private KnownSecrets() {
    }

    public static void add(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            return;
        }
        synchronized (KnownSecrets.class) {
            Set<String> all = new LinkedHashSet<>(Arrays.asList(forms));
            if (!all.add(secret)) {
                return;
            }
            all.add(jsonEscaped(secret));
            all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
            forms = all.stream().filter(f -> f.length() >= MIN_LENGTH)
                    .sorted(Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
        }
    }

    /** The text with every known secret replaced by {@link #MASK}; the same instance when none occurs. */
    public static String redact(String text) {
        String[] current = forms;
        if (text == null || current.length == 0) {
            return text;
        }
        String result = text;
        for (String form : current) {
            if (result.contains(form)) {
                result = result.replace(form, MASK);
            }
        }
        return result;
    }

    /** Jackson's escaping of a string's content (without the quotes), as it appears inside stored JSON. */
    private static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
