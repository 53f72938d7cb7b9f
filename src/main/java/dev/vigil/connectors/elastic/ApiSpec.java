package dev.vigil.connectors.elastic;

import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One named API of Elasticsearch or Kibana ({@code search}, {@code SetAlertsStatus}): its URL patterns and which
 * {@code with} keys are URL and body parameters. {@link #request} maps a step's {@code with} onto an HTTP
 * request the way Kibana's request builders do (WORKFLOW_FORMAT.md §3.8):
 * <ul>
 *   <li>the pattern whose path parameters are all given is chosen (else the first); path parameters are
 *       URL-encoded into it, lists joined by commas;</li>
 *   <li>{@code with.body} (an object) is the start of the body; declared body parameters are put into it (they win
 *       over {@code with.body}'s keys), declared URL parameters go to the query string;</li>
 *   <li>any other key goes to the body, except for an API that has no body, which takes it in the query string;</li>
 *   <li>{@code method} overrides the HTTP method; otherwise an API answering GET and POST is sent as POST when
 *       there is a body, else GET (a GET with a body is dropped by some proxies); {@code headers} adds headers.</li>
 * </ul>
 * A pattern may name its own method ({@code "PUT {index}/_doc/{id}"}) when the APIs differ by pattern.
 */
record ApiSpec(String name, List<String> methods, List<String> patterns, Set<String> urlParams,
               Set<String> bodyParams) {

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD");

    /**
     * @param methods   space-separated, the default first
     * @param patterns  paths without the leading slash, optionally prefixed by their own method
     * @param urlParams space-separated; so is {@code bodyParams}
     */
    static ApiSpec of(String name, String methods, List<String> patterns, String urlParams, String bodyParams) {
        return new ApiSpec(name, words(methods), patterns, Set.copyOf(words(urlParams)),
                Set.copyOf(words(bodyParams)));
    }

    static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    /** The parts of a request built from {@code with}, before an API's special cases (index, bulk) adjust them. */
    record Parts(String method, String path, Map<String, Object> query, Map<String, String> headers,
                 Map<String, Object> body) {
    }

    /**
     * @param action the step type for messages ("elasticsearch.search")
     * @param skip   keys that are not API parameters (handled by the caller, or meta keys such as {@code debug})
     */
    Parts request(String action, Map<String, Object> with, Set<String> skip) throws StepFailure {
        String pattern = bestPattern(with);
        String fixedMethod = null;
        int space = pattern.indexOf(' ');
        if (space > 0) {
            fixedMethod = pattern.substring(0, space);
            pattern = pattern.substring(space + 1);
        }
        Set<String> pathParams = paramsOf(pattern);
        String path = "/" + fill(action, pattern, with);

        Map<String, Object> body = new LinkedHashMap<>(bodyObject(action, with.get("body")));
        Map<String, Object> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>(ElasticParams.headers(action, with.get("headers")));
        Map<String, Object> others = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : with.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (value == null || pathParams.contains(key) || skip.contains(key)
                    || key.equals("method") || key.equals("body") || key.equals("headers")) {
                continue;
            }
            if (bodyParams.contains(key)) {
                body.put(key, value);
            } else if (urlParams.contains(key)) {
                query.put(key, UrlText.text(value));
            } else {
                others.put(key, value);
            }
        }
        String method = method(action, with.get("method"), fixedMethod, !body.isEmpty() || !others.isEmpty());
        if (bodyParams.isEmpty() && !others.isEmpty() && List.of("GET", "HEAD", "DELETE").contains(method)) {
            others.forEach((k, v) -> query.put(k, UrlText.text(v)));
        } else {
            body.putAll(others);
        }
        return new Parts(method, path, query, headers, body);
    }

    private String method(String action, Object override, String fixed, boolean hasBody) throws StepFailure {
        if (override != null) {
            String m = String.valueOf(override).strip().toUpperCase(Locale.ROOT);
            if (!HTTP_METHODS.contains(m)) {
                throw ElasticParams.invalid(action, "method", "one of GET, POST, PUT, DELETE, PATCH, HEAD", override);
            }
            return m;
        }
        if (fixed != null) {
            return fixed;
        }
        if (methods.size() > 1 && methods.getFirst().equals("GET") && hasBody) {
            return methods.get(1);
        }
        return methods.getFirst();
    }

    private static Map<String, Object> bodyObject(String action, Object body) throws StepFailure {
        return switch (body) {
            case null -> Map.of();
            case Map<?, ?> m -> ElasticParams.object(m);
            case String s when s.isBlank() -> Map.of();
            default -> throw ElasticParams.invalid(action, "body", "an object", body);
        };
    }

    /** The first pattern whose path parameters are all in {@code with}; else the one with most of them. */
    String bestPattern(Map<String, Object> with) {
        String best = patterns.getFirst();
        double bestScore = -1;
        for (String pattern : patterns) {
            Set<String> params = paramsOf(pattern);
            if (params.isEmpty()) {
                if (bestScore < 1) {
                    best = pattern;
                    bestScore = 1;
                }
                continue;
            }
            long given = params.stream().filter(p -> with.get(p) != null).count();
            if (given == params.size()) {
                return pattern;
            }
            double score = (double) given / params.size();
            if (score > bestScore) {
                best = pattern;
                bestScore = score;
            }
        }
        return best;
    }

    static Set<String> paramsOf(String pattern) {
        Set<String> params = new LinkedHashSet<>();
        Matcher m = PARAM.matcher(pattern);
        while (m.find()) {
            params.add(m.group(1));
        }
        return params;
    }

    private static String fill(String action, String pattern, Map<String, Object> with) throws StepFailure {
        Matcher m = PARAM.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String param = m.group(1);
            Object value = with.get(param);
            String text = UrlText.text(value);
            if (value == null || text.isBlank()) {
                throw new StepFailure("ConnectorExecutionError", action + ": with." + param + " is "
                        + (value == null ? "required" : "empty") + " (it is part of the path " + pattern + ")", null);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(UrlText.segment(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
