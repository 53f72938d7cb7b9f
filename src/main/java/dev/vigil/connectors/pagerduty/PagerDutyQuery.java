package dev.vigil.connectors.pagerduty;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;

/**
 * A PagerDuty query string. Its list filters repeat the name with brackets, {@code statuses[]=triggered&statuses[]=
 * acknowledged}; the shared client's query map holds one value per name, so PagerDuty's queries are built here.
 */
final class PagerDutyQuery {

    private final StringJoiner parts = new StringJoiner("&");

    /** A single value; skipped when null. */
    PagerDutyQuery add(String name, Object value) {
        if (value != null) {
            parts.add(encode(name) + "=" + encode(String.valueOf(value)));
        }
        return this;
    }

    /** A list filter: {@code name[]} once per value; skipped when null or empty. */
    PagerDutyQuery each(String name, List<String> values) {
        if (values != null) {
            values.forEach(v -> parts.add(encode(name + "[]") + "=" + encode(v)));
        }
        return this;
    }

    /** The URL with this query appended. */
    String on(String url) {
        String query = parts.toString();
        return query.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + query;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
