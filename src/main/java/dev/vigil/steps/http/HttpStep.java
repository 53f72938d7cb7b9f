package dev.vigil.steps.http;

import dev.vigil.model.ByteSizes;
import dev.vigil.model.Json;
import dev.vigil.model.Values;
import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code http} (WORKFLOW_FORMAT.md §3.4): one request with the JDK client, blocking the calling (virtual) thread.
 *
 * <p>{@code with}: {@code url}, {@code method} (GET default; GET POST PUT PATCH DELETE HEAD, any case),
 * {@code headers}, {@code query} (map appended URL-encoded), {@code body} (a structure is sent as JSON; a string
 * as is) and {@code fetcher} {skip_ssl_verification, follow_redirects (default true), max_redirects (default 20),
 * keep_alive (accepted; the JDK client always pools connections), max_content_length (bytes or "10mb"; default
 * 50 MB)}. Output on 2xx: {@code {status, statusText, headers, data}}. Any other status fails with type
 * {@code HttpRequestError}, those four under {@code details} and {@code status}/{@code statusCode} at the top of
 * the error. Messages and logs never carry header values, bodies or the query string: they may hold secrets.
 *
 * <p>Redirects are followed here, not by the client, so that {@code follow_redirects: false} and
 * {@code max_redirects} hold and credentials ({@code Authorization}, {@code Cookie}) are dropped when a redirect
 * leaves the origin. The client given must therefore not follow redirects itself.
 */
public final class HttpStep implements StepAction {

    public static final String TYPE = "http";
    static final long DEFAULT_MAX_CONTENT_LENGTH = 50L * 1024 * 1024;
    static final int DEFAULT_MAX_REDIRECTS = 20;
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");

    private final HttpClient http;
    private final HttpClient insecure;
    private final HttpTargets targets;

    /** @param http a client with {@link HttpClient.Redirect#NEVER}; see {@link #defaultClient()} */
    public HttpStep(HttpClient http) {
        this(http, HttpTargets.NONE);
    }

    /** @param targets resolves {@code connector-id} to a base URL and credentials */
    public HttpStep(HttpClient http, HttpTargets targets) {
        this.targets = targets;
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("HttpStep follows redirects itself (to honour fetcher.follow_redirects"
                    + " and max_redirects); give it a client built with HttpClient.Redirect.NEVER");
        }
        this.http = http;
        this.insecure = InsecureTls.clientLike(http);
    }

    /**
     * The client Vigil uses by default: no redirects (the step follows them), 10 s connect timeout. Its callbacks run
     * on the client's selector thread instead of a pool: they only gather bytes (the body handler never blocks) and
     * the step's virtual thread waits for the result, so handing each stage to another thread was pure cost (a
     * tenth of a run's CPU in the alert benchmark).
     */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(DEFAULT_CONNECT_TIMEOUT).executor(Runnable::run).build();
    }

    public static StepDefinition definition(HttpClient http) {
        return definition(http, HttpTargets.NONE);
    }

    public static StepDefinition definition(HttpClient http, HttpTargets targets) {
        return StepDefinition.of(TYPE, "Sends an HTTP request; output = {status, statusText, headers, data}",
                new HttpStep(http, targets)).asExternal();
    }

    record Params(URI url, String method, Map<String, List<String>> headers, Object body, boolean skipTls,
                  boolean followRedirects, int maxRedirects, long maxContentLength) {

        static Params of(Map<String, Object> with) throws StepFailure {
            Object rawUrl = with.get("url");
            if (rawUrl == null || rawUrl instanceof String s && s.isBlank()) {
                throw new StepFailure("http: with.url is required (or connector-id and with.path)");
            }
            if (!(rawUrl instanceof String url)) {
                throw typeError("with.url", "a string", rawUrl);
            }
            String method = with.get("method") == null ? "GET" : String.valueOf(with.get("method"))
                    .trim().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new StepFailure("http: with.method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, got \""
                        + with.get("method") + "\"");
            }
            Map<String, Object> fetcher = map("with.fetcher", with.get("fetcher"));
            return new Params(uri(url, map("with.query", with.get("query"))), method,
                    headers(map("with.headers", with.get("headers"))), with.get("body"),
                    bool("fetcher.skip_ssl_verification", fetcher.get("skip_ssl_verification"), false),
                    bool("fetcher.follow_redirects", fetcher.get("follow_redirects"), true),
                    (int) size("fetcher.max_redirects", fetcher.get("max_redirects"), DEFAULT_MAX_REDIRECTS),
                    size("fetcher.max_content_length", fetcher.get("max_content_length"), DEFAULT_MAX_CONTENT_LENGTH));
        }

        private static URI uri(String url, Map<String, Object> query) throws StepFailure {
            StringBuilder text = new StringBuilder(url.strip());
            for (Map.Entry<String, Object> e : query.entrySet()) {
                List<?> values = e.getValue() instanceof List<?> l ? l : java.util.Collections.singletonList(e.getValue());
                for (Object value : values) {
                    if (value != null) {
                        text.append(text.indexOf("?") < 0 ? '?' : '&').append(encode(e.getKey())).append('=')
                                .append(encode(value instanceof String s ? s
                                        : value instanceof Map<?, ?> ? Json.write(value) : String.valueOf(value)));
                    }
                }
            }
            try {
                URI uri = new URI(text.toString());
                if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                        || uri.getHost() == null) {
                    throw new StepFailure("http: with.url must be an absolute http or https URL, got \""
                            + HttpStep.redact(url) + "\"");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new StepFailure("http: with.url is not a valid URL (" + e.getReason() + " at index "
                        + e.getIndex() + ")");
            }
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        }

        private static Map<String, List<String>> headers(Map<String, Object> raw) throws StepFailure {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : raw.entrySet()) {
                List<String> values = new ArrayList<>();
                for (Object v : e.getValue() instanceof List<?> l ? l : java.util.Collections.singletonList(e.getValue())) {
                    switch (v) {
                        case null -> { }
                        case String s -> values.add(s);
                        case Number n -> values.add(String.valueOf(n));
                        case Boolean b -> values.add(String.valueOf(b));
                        default -> throw typeError("with.headers." + e.getKey(), "a string", v);
                    }
                }
                if (!values.isEmpty()) {
                    headers.put(e.getKey(), values);
                }
            }
            return headers;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> map(String name, Object value) throws StepFailure {
            return switch (value) {
                case null -> Map.of();
                case Map<?, ?> m -> (Map<String, Object>) m;
                default -> throw typeError(name, "an object", value);
            };
        }

        private static boolean bool(String name, Object value, boolean fallback) throws StepFailure {
            return switch (value) {
                case null -> fallback;
                case Boolean b -> b;
                case String s when s.trim().equalsIgnoreCase("true") -> true;
                case String s when s.trim().equalsIgnoreCase("false") -> false;
                default -> throw typeError(name, "a boolean", value);
            };
        }

        private static long size(String name, Object value, long fallback) throws StepFailure {
            try {
                long size = switch (value) {
                    case null -> fallback;
                    case Number n -> n.longValue();
                    case String s when s.trim().matches("\\d+") -> Long.parseLong(s.trim());
                    case String s -> ByteSizes.parse(s);
                    default -> throw typeError(name, "a number", value);
                };
                if (size < 0) {
                    throw new StepFailure("http: " + name + " must not be negative, got " + size);
                }
                return size;
            } catch (IllegalArgumentException e) {
                throw new StepFailure("http: " + name + ": " + e.getMessage());
            }
        }
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        String connectorId = call.connectorId();
        Params params = Params.of(connectorId == null ? call.with() : throughConnector(connectorId, call));
        Duration remaining = call.remaining();
        long deadline = remaining == null ? Long.MAX_VALUE : System.nanoTime() + remaining.toNanos();
        URI uri = params.url();
        String method = params.method();
        Object body = params.body();
        Map<String, List<String>> headers = withIdempotencyKey(params.headers(), call.idempotencyKey());
        for (int redirects = 0; ; redirects++) {
            String requestLine = method + " " + redact(uri.toString());
            call.log("debug", "http: " + requestLine);
            HttpResponse<byte[]> response = send(params, request(uri, method, headers, body, deadline, requestLine),
                    deadline, requestLine);
            int status = response.statusCode();
            call.log("info", "http: " + requestLine + " → " + status);
            String location = response.headers().firstValue("location").orElse(null);
            if (!isRedirect(status) || location == null || !params.followRedirects()) {
                return result(response, requestLine);
            }
            if (redirects >= params.maxRedirects()) {
                throw new StepFailure("TooManyRedirects", "http: more than " + params.maxRedirects()
                        + " redirects, last from " + requestLine, null);
            }
            URI next = redirectTarget(uri, location, requestLine);
            if (!sameOrigin(uri, next)) {
                headers = without(headers, CREDENTIALS);
            }
            if (status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST")) {
                method = "GET";
                body = null;
                headers = without(headers, Set.of("content-type"));
            }
            uri = next;
        }
    }

    /**
     * The step's {@code with} aimed at the connector: {@code path} (or a relative {@code url}) joined to its base
     * URL, its headers replacing the workflow's of the same name. An absolute {@code url} must lie under the base
     * URL: the connector's credentials go nowhere else. Without connectors ({@code vigil run}) a full
     * {@code with.url} is used as it is.
     */
    private Map<String, Object> throughConnector(String connectorId, StepInvocation call) throws StepFailure {
        Map<String, Object> with = new LinkedHashMap<>(call.with());
        Object url = with.get("url");
        if (targets == HttpTargets.NONE && url instanceof String s && !s.isBlank()) {
            return with;
        }
        HttpTargets.Target target = targets.resolve(connectorId, call);
        String base = target.baseUrl().replaceAll("/+$", "");
        Object path = with.get("path") != null ? with.get("path") : url;
        String relative = path == null ? "" : String.valueOf(path).strip();
        if (relative.matches("(?i)https?://.*")) {
            if (!relative.equals(base) && !relative.startsWith(base + "/") && !relative.startsWith(base + "?")) {
                throw new StepFailure("http: with.url " + redact(relative) + " is not under the base URL of connector '"
                        + connectorId + "' (" + redact(base) + "); its credentials are sent nowhere else");
            }
            with.put("url", relative);
        } else {
            with.put("url", relative.isEmpty() ? base : base + (relative.startsWith("/") ? "" : "/") + relative);
        }
        with.remove("path");
        Map<String, Object> headers = new LinkedHashMap<>();
        if (with.get("headers") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> {
                if (target.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase(String.valueOf(k)))) {
                    headers.put(String.valueOf(k), v);
                }
            });
        }
        headers.putAll(target.headers());
        with.put("headers", headers);
        return with;
    }

    /**
     * Adds {@code Idempotency-Key} (the de-facto header of Stripe, PayPal, Adyen and the IETF httpapi draft) unless
     * the workflow sets one. The key is the same when a step that was in flight during a crash runs again, so a
     * service that honours it performs the action once.
     */
    static Map<String, List<String>> withIdempotencyKey(Map<String, List<String>> headers, String key) {
        if (key == null || headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(IDEMPOTENCY_KEY))) {
            return headers;
        }
        Map<String, List<String>> all = new java.util.LinkedHashMap<>(headers);
        all.put(IDEMPOTENCY_KEY, List.of(key));
        return all;
    }

    private HttpRequest request(URI uri, String method, Map<String, List<String>> headers, Object body,
                                long deadline, String requestLine) throws StepFailure {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        boolean hasContentType = false;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (RESTRICTED.contains(name)) {
                continue;           // set by the client; sending it would make the JDK refuse the request
            }
            hasContentType |= name.equals("content-type");
            try {
                e.getValue().forEach(v -> builder.header(e.getKey(), v));
            } catch (IllegalArgumentException invalid) {
                throw new StepFailure("http: header '" + e.getKey() + "' has an invalid name or value");
            }
        }
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body != null) {
            String text = body instanceof String s ? s : Json.write(body);
            if (!hasContentType) {
                builder.header("Content-Type", body instanceof String s && !looksLikeJson(s)
                        ? "text/plain; charset=utf-8" : "application/json");
            }
            publisher = HttpRequest.BodyPublishers.ofString(text);
        }
        if (deadline != Long.MAX_VALUE) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new StepFailure("TimeoutError", "http: no time left for " + requestLine, null);
            }
            builder.timeout(Duration.ofNanos(left));
        }
        try {
            return builder.method(method, publisher).build();
        } catch (IllegalArgumentException invalid) {
            throw new StepFailure("http: cannot build the request " + requestLine + ": " + invalid.getMessage());
        }
    }

    /**
     * Sends and waits for the whole response within the deadline. {@code HttpClient.send} with a request timeout
     * would bound only the wait for the response headers, so a server that stalls mid-body would hold the step
     * forever; waiting on {@code sendAsync} with a deadline and cancelling the exchange covers the body too. The
     * calling (virtual) thread still blocks, as with {@code send}.
     */
    private HttpResponse<byte[]> send(Params params, HttpRequest request, long deadline, String requestLine)
            throws StepFailure {
        HttpClient client = params.skipTls() ? insecure : http;
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request, CappedBody.handler(params.maxContentLength()));
        try {
            return deadline == Long.MAX_VALUE ? exchange.get()
                    : exchange.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new StepFailure("HttpRequestCancelledError", "http: request cancelled: " + requestLine, null);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new StepFailure("TimeoutError", "http: " + requestLine + " did not complete within the time left for the step", null);
        } catch (CancellationException e) {
            throw new StepFailure("HttpRequestCancelledError", "http: request cancelled: " + requestLine, null);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), requestLine, params.maxContentLength());
        }
    }

    private static StepFailure failure(Throwable e, String requestLine, long cap) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CappedBody.TooLarge) {
                return new StepFailure("ResponseTooLarge", "http: the response to " + requestLine + " is larger than"
                        + " fetcher.max_content_length (" + cap + " bytes)", null);
            }
            if (t instanceof ConnectException) {
                return new StepFailure("ConnectionRefused", "http: connection refused for " + requestLine, null);
            }
            if (t instanceof HttpTimeoutException) {
                return new StepFailure("TimeoutError", "http: " + requestLine + " timed out", null);
            }
        }
        if (e instanceof CancellationException) {
            return new StepFailure("HttpRequestCancelledError", "http: request cancelled: " + requestLine, null);
        }
        String type = e.getClass() == IOException.class ? "NetworkError"
                : e.getClass().getSimpleName().replaceFirst("Exception$", "");
        return new StepFailure(type, "http: " + requestLine + " failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), null);
    }

    private static Object result(HttpResponse<byte[]> response, String requestLine) throws StepFailure {
        int status = response.statusCode();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", (long) status);
        out.put("statusText", HttpResponses.statusText(status));
        out.put("headers", HttpResponses.headers(response.headers()));
        out.put("data", HttpResponses.data(response.body(),
                response.headers().firstValue("content-type").orElse(null)));
        if (status >= 200 && status < 300) {
            return out;
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("status", (long) status);
        top.put("statusCode", (long) status);
        String reason = HttpResponses.statusText(status);
        throw new StepFailure("HttpRequestError", "HTTP " + status + (reason.isEmpty() ? "" : " " + reason)
                + " from " + requestLine, out, top);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static URI redirectTarget(URI from, String location, String requestLine) throws StepFailure {
        try {
            URI next = from.resolve(location.strip());
            if (next.getScheme() != null && Set.of("http", "https").contains(next.getScheme().toLowerCase(Locale.ROOT))
                    && next.getHost() != null) {
                return next;
            }
        } catch (IllegalArgumentException invalid) {
            // reported below
        }
        throw new StepFailure("HttpRequestError", "http: " + requestLine + " redirected to an invalid or non-http"
                + " location", null);
    }

    private static Map<String, List<String>> without(Map<String, List<String>> headers, Set<String> lowerCaseNames) {
        Map<String, List<String>> out = new LinkedHashMap<>(headers);
        out.keySet().removeIf(name -> lowerCaseNames.contains(name.toLowerCase(Locale.ROOT)));
        return out;
    }

    private static boolean looksLikeJson(String text) {
        String t = text.strip();
        return t.startsWith("{") && t.endsWith("}") || t.startsWith("[") && t.endsWith("]");
    }

    /** The URL for messages and logs: no user info, no query string, no fragment (they may hold secrets). */
    static String redact(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "<invalid URL>";
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "<invalid URL>";
        }
    }

    private static StepFailure typeError(String name, String expected, Object got) {
        return new StepFailure("http: " + name + " must be " + expected + ", got " + Values.typeName(got));
    }
}
