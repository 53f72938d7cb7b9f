package dev.vigil.connectors;

import dev.vigil.model.Json;
import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.http.CappedBody;
import dev.vigil.steps.http.HttpResponses;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The HTTP client every connector type uses, so that they all behave alike:
 * <ul>
 *   <li>every call has a timeout: the connector's {@code timeout} option (30 s by default), never longer than the
 *       time the step has left;</li>
 *   <li>429 and 503 answers are retried (3 attempts in all), waiting what {@code Retry-After} says (seconds or an
 *       HTTP date), else what a service's own reset header says ({@link Request#rateLimitReset}), else 1 s then
 *       2 s; when the wait would outlast the step, the step fails at once with {@code RateLimited} and the wait in
 *       {@code details.retryAfterSeconds};</li>
 *   <li>a non-2xx answer fails with {@code ConnectorExecutionError}, the service's own message (from the usual
 *       JSON error shapes) in the message, and {@code details: {status, data}};</li>
 *   <li>logs and messages show the method, host and path only: queries and bodies may hold secrets.</li>
 * </ul>
 */
public final class ConnectorHttp {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final int ATTEMPTS = 3;
    static final long MAX_RESPONSE_BYTES = 20L * 1024 * 1024;

    private final HttpClient client;
    private final long deadline;
    private final Duration timeout;
    private final BiConsumer<String, String> log;
    private final String action;

    /**
     * @param remaining the time the step has left, or null when unbounded
     * @param timeout   the longest any one request may take
     * @param action    names the action in messages ("slack.postMessage")
     */
    public ConnectorHttp(HttpClient client, Duration remaining, Duration timeout, BiConsumer<String, String> log,
                         String action) {
        this.client = client;
        this.deadline = remaining == null ? Long.MAX_VALUE : System.nanoTime() + remaining.toNanos();
        this.timeout = timeout;
        this.log = log;
        this.action = action;
    }

    public Duration remaining() {
        return deadline == Long.MAX_VALUE ? null : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    public Request request(String method, String url) {
        return new Request(method, url);
    }

    /** A response; {@code data} is the parsed JSON body when it is JSON, else the text. */
    public record Response(int status, Map<String, Object> headers, Object data) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The body as a map, or an empty map when it is not a JSON object. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> object() {
            return data instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        public String header(String name) {
            Object value = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return value == null ? null : String.valueOf(value);
        }
    }

    /** One request being built. */
    public final class Request {
        private final String method;
        private final String url;
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HttpAuth auth = HttpAuth.NONE;
        private String body;
        private int[] accepted = new int[0];
        private String resetHeader;
        private boolean binary;

        private Request(String method, String url) {
            this.method = method;
            this.url = url;
        }

        public Request header(String name, String value) {
            if (value != null) {
                headers.put(name, value);
            }
            return this;
        }

        public Request headers(Map<String, ?> more) {
            if (more != null) {
                more.forEach((k, v) -> header(k, v == null ? null : String.valueOf(v)));
            }
            return this;
        }

        /** A query parameter (skipped when null); lists are joined by commas. */
        public Request query(String name, Object value) {
            if (value instanceof List<?> list) {
                StringJoiner joined = new StringJoiner(",");
                list.forEach(v -> joined.add(String.valueOf(v)));
                query.put(name, joined.toString());
            } else if (value != null) {
                query.put(name, String.valueOf(value));
            }
            return this;
        }

        public Request auth(HttpAuth auth) {
            this.auth = auth == null ? HttpAuth.NONE : auth;
            return this;
        }

        public Request json(Object value) {
            headers.putIfAbsent("Content-Type", "application/json");
            body = value == null ? null : Json.write(value);
            return this;
        }

        public Request form(Map<String, ?> fields) {
            headers.put("Content-Type", "application/x-www-form-urlencoded");
            StringJoiner text = new StringJoiner("&");
            fields.forEach((k, v) -> {
                if (v != null) {
                    text.add(encode(k) + "=" + encode(String.valueOf(v)));
                }
            });
            body = text.toString();
            return this;
        }

        public Request text(String text, String contentType) {
            headers.put("Content-Type", contentType);
            body = text;
            return this;
        }

        /**
         * A header in which the service says when its rate limit resets, as epoch seconds (CrowdStrike's
         * {@code X-RateLimit-RetryAfter}, Okta's {@code X-Rate-Limit-Reset}); read on 429/503 when there is no
         * {@code Retry-After}.
         */
        public Request rateLimitReset(String header) {
            this.resetHeader = header;
            return this;
        }

        /**
         * A download: a 2xx answer's {@code data} is the body's bytes ({@code byte[]}), not parsed text, so files
         * survive intact; callers turn them into something the value model holds (base64). Error bodies are parsed
         * as usual, for the service's message.
         */
        public Request binary() {
            binary = true;
            return this;
        }

        /** Statuses besides 2xx that are answers rather than failures (404 "not found" for a lookup). */
        public Request accept(int... statuses) {
            accepted = statuses.clone();
            return this;
        }

        public Response send() throws StepFailure {
            URI uri = uri();
            String line = method + " " + shown(uri.toString());
            boolean refreshed = false;
            for (int attempt = 1; ; attempt++) {
                Map<String, String> all = new LinkedHashMap<>(headers);
                auth.apply(all, ConnectorHttp.this);
                log.accept("debug", action + ": " + line);
                HttpResponse<byte[]> response = exchange(uri, all, line);
                int status = response.statusCode();
                log.accept("info", action + ": " + line + " → " + status);
                Response answer = new Response(status, HttpResponses.headers(response.headers()),
                        binary && status >= 200 && status < 300 ? response.body()
                                : HttpResponses.data(response.body(), response.headers().firstValue("content-type").orElse(null)));
                if (answer.ok() || isAccepted(status)) {
                    return answer;
                }
                if (status == 401 && !refreshed && auth.refresh()) {
                    refreshed = true;     // a cached token the service no longer takes: fetch a new one, once
                    attempt--;
                    continue;
                }
                if ((status == 429 || status == 503) && attempt < ATTEMPTS) {
                    Duration wait = retryAfter(response, attempt, resetHeader);
                    if (remaining() != null && wait.compareTo(remaining()) >= 0) {
                        throw rateLimited(status, wait, answer, line);
                    }
                    log.accept("warn", action + ": " + line + " → " + status + ", retrying in " + wait.toMillis() + " ms");
                    sleep(wait, line);
                    continue;
                }
                if (status == 429) {
                    throw rateLimited(status, retryAfter(response, attempt, resetHeader), answer, line);
                }
                throw failure(answer, line);
            }
        }

        private boolean isAccepted(int status) {
            for (int s : accepted) {
                if (s == status) {
                    return true;
                }
            }
            return false;
        }

        private URI uri() throws StepFailure {
            StringBuilder text = new StringBuilder(url);
            query.forEach((k, v) -> text.append(text.indexOf("?") < 0 ? '?' : '&').append(encode(k)).append('=')
                    .append(encode(v)));
            try {
                URI uri = URI.create(text.toString());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("not absolute");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new StepFailure("ConnectorExecutionError", action + ": the URL " + shown(url)
                        + " is not a valid absolute URL; check the connector's base URL", null);
            }
        }

        private HttpResponse<byte[]> exchange(URI uri, Map<String, String> all, String line) throws StepFailure {
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0) {
                throw new StepFailure("TimeoutError", action + ": no time left for " + line, null);
            }
            Duration limit = Duration.ofNanos(Math.min(left, timeout.toNanos()));
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(limit);
            try {
                all.forEach(builder::header);
                builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
            } catch (IllegalArgumentException e) {
                throw new StepFailure("ConnectorExecutionError", action + ": cannot build " + line + ": "
                        + KnownSecrets.redact(e.getMessage()), null);
            }
            CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(builder.build(),
                    CappedBody.handler(MAX_RESPONSE_BYTES));
            try {
                // bounds the body as well as the headers (the request timeout covers only the headers)
                return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new StepFailure("HttpRequestCancelledError", action + ": cancelled: " + line, null);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new StepFailure("TimeoutError", action + ": " + line + " took longer than " + limit.toMillis()
                        + " ms", null);
            } catch (ExecutionException e) {
                for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                    if (t instanceof CappedBody.TooLarge) {
                        throw new StepFailure("ResponseTooLarge", action + ": the response to " + line + " is larger"
                                + " than " + MAX_RESPONSE_BYTES + " bytes", null);
                    }
                    if (t instanceof ConnectException) {
                        throw new StepFailure("ConnectionRefused", action + ": connection refused for " + line, null);
                    }
                    if (t instanceof HttpTimeoutException) {
                        throw new StepFailure("TimeoutError", action + ": " + line + " timed out", null);
                    }
                }
                Throwable cause = e.getCause();
                throw new StepFailure(cause instanceof IOException ? "NetworkError" : "ConnectorExecutionError",
                        action + ": " + line + " failed: " + cause.getClass().getSimpleName()
                                + (cause.getMessage() == null ? "" : " (" + KnownSecrets.redact(cause.getMessage()) + ")"),
                        null);
            }
        }

        private void sleep(Duration wait, String line) throws StepFailure {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailure("HttpRequestCancelledError", action + ": cancelled: " + line, null);
            }
        }

        private StepFailure rateLimited(int status, Duration wait, Response answer, String line) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", (long) status);
            details.put("retryAfterSeconds", Math.max(1, (wait.toMillis() + 999) / 1000));
            details.put("data", answer.data());
            return new StepFailure("RateLimited", action + ": " + line + " is rate limited (HTTP " + status
                    + "); the service asks to wait " + details.get("retryAfterSeconds") + " s", details,
                    Map.of("status", (long) status, "statusCode", (long) status));
        }
    }

    /** What Retry-After asks for (seconds or an HTTP date), else the reset header's instant, else 1 s, 2 s ... */
    static Duration retryAfter(HttpResponse<?> response, int attempt, String resetHeader) {
        String value = response.headers().firstValue("retry-after").orElse(null);
        if (value != null) {
            String v = value.strip();
            try {
                if (v.matches("\\d+")) {
                    return Duration.ofSeconds(Long.parseLong(v));
                }
                Duration until = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException unreadable) {
                // fall back to the default back-off
            }
        }
        String reset = resetHeader == null ? null : response.headers().firstValue(resetHeader).orElse(null);
        if (reset != null && reset.strip().matches("\\d{1,12}")) {
            return untilEpochSecond(Long.parseLong(reset.strip()), response);
        }
        return Duration.ofSeconds(1L << (attempt - 1));
    }

    /**
     * The wait until an epoch second, measured against the response's own {@code Date} when it has one so that a
     * skewed local clock neither hammers the service nor sleeps for nothing; at least 1 s, as both are whole seconds.
     */
    private static Duration untilEpochSecond(long epochSecond, HttpResponse<?> response) {
        long now = java.time.Instant.now().getEpochSecond();
        String date = response.headers().firstValue("date").orElse(null);
        if (date != null) {
            try {
                now = ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
            } catch (RuntimeException unreadable) {
                // the local clock then
            }
        }
        return Duration.ofSeconds(Math.max(1, epochSecond - now));
    }

    private StepFailure failure(Response answer, String line) {
        String service = serviceMessage(answer.data());
        String reason = HttpResponses.statusText(answer.status());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", (long) answer.status());
        details.put("data", answer.data());
        return new StepFailure("ConnectorExecutionError", action + ": HTTP " + answer.status()
                + (reason.isEmpty() ? "" : " " + reason) + " from " + line
                + (service == null ? "" : ": " + KnownSecrets.redact(service)), details,
                Map.of("status", (long) answer.status(), "statusCode", (long) answer.status()));
    }

    /** The service's own words from the usual error shapes (Slack, Jira, ServiceNow, PagerDuty, Graph ...). */
    static String serviceMessage(Object data) {
        if (data instanceof String text) {
            return text.isBlank() ? null : text.length() > 300 ? text.substring(0, 300) + "…" : text.strip();
        }
        if (!(data instanceof Map<?, ?> body)) {
            return null;
        }
        if (body.get("error") instanceof Map<?, ?> error) {
            String nested = serviceMessage(error);
            if (nested != null) {
                return nested;
            }
        }
        for (String key : List.of("message", "error_description", "errorMessage", "detail", "error", "title",
                "errorSummary")) {
            if (body.get(key) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        for (String key : List.of("errors", "errorMessages")) {
            if (body.get(key) instanceof List<?> list && !list.isEmpty()) {
                Object first = list.getFirst();
                return first instanceof String s ? s : serviceMessage(first);
            }
            if (body.get(key) instanceof Map<?, ?> map && !map.isEmpty()) {
                return String.valueOf(map.values().iterator().next());
            }
        }
        return null;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A value made safe as one path segment ({@code /users/{id}}): a login with {@code /} or {@code #} stays one segment. */
    public static String pathSegment(String value) {
        return encode(value);
    }

    /** A URL for messages: scheme, host, port and path only. */
    public static String shown(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return "<invalid URL>";
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (RuntimeException | java.net.URISyntaxException e) {
            return "<invalid URL>";
        }
    }
}
