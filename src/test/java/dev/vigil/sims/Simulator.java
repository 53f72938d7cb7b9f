package dev.vigil.sims;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small stand-in for an outside service on 127.0.0.1: routes by method and path pattern, answers in the real
 * API's shapes, and records every request so tests assert exactly what Vigil sent. Subclasses add the routes of
 * one service in their constructor with {@link #route}.
 *
 * <p>Common behaviour every simulator has: {@link #rateLimitNext} answers the next requests with 429 and a
 * {@code Retry-After}, and {@link #failNext} with any status, so retry and error handling are tested against the
 * same server as the happy path.
 */
public abstract class Simulator implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers,
                          String body) {
        /** A header by name, any case. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body parsed as JSON (a map for an object). */
        public Object json() {
            return body == null || body.isBlank() ? null : Json.parse(body);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> jsonObject() {
            return (Map<String, Object>) json();
        }

        /** The body parsed as an HTML form. */
        public Map<String, String> form() {
            return parsePairs(body);
        }
    }

    /** What a route answers. */
    public record Response(int status, Map<String, String> headers, String body) {
        public static Response json(int status, Object value) {
            return new Response(status, Map.of("Content-Type", "application/json"), Json.write(value));
        }

        public static Response json(Object value) {
            return json(200, value);
        }

        public static Response text(int status, String text) {
            return new Response(status, Map.of("Content-Type", "text/plain; charset=utf-8"), text);
        }

        public static Response empty(int status) {
            return new Response(status, Map.of(), "");
        }

        public Response withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Response(status, all, body);
        }
    }

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request, Matcher path);
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private final HttpServer server;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile int rateLimitSeconds = 1;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile Response failure;

    protected Simulator() {
        this(0);
    }

    protected Simulator(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::serve);
        server.start();
    }

    /** What the service is, for ./vigil dev-sims ("Slack Web API"). */
    public abstract String name();

    /** Base URL, no trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** @param pathRegex matched against the whole path ({@code /api/v3/files/([^/]+)}) */
    protected final void route(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests whose path matches. */
    public List<Request> requests(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return requests.stream().filter(r -> r.method().equals(method) && p.matcher(r.path()).matches()).toList();
    }

    public Request lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError(name() + " received no request");
        }
        return requests.getLast();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** The next {@code count} requests get 429 with {@code Retry-After: seconds}. */
    public void rateLimitNext(int count, int seconds) {
        rateLimitSeconds = seconds;
        rateLimited.set(count);
    }

    /** The next {@code count} requests get this answer instead of the route's. */
    public void failNext(int count, Response response) {
        failure = response;
        failures.set(count);
    }

    /** A service's own 429 body; subclasses override to match their API. */
    protected Response rateLimitResponse(int seconds) {
        return Response.json(429, Map.of("message", "rate limit exceeded")).withHeader("Retry-After",
                String.valueOf(seconds));
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
            Request request = new Request(exchange.getRequestMethod(), uri.getPath(), parsePairs(uri.getRawQuery()),
                    headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Response response = answer(request);
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private Response answer(Request request) {
        if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return rateLimitResponse(rateLimitSeconds);
        }
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return failure;
        }
        List<String> methodsForPath = new ArrayList<>();
        for (Route route : routes) {
            Matcher m = route.path().matcher(request.path());
            if (m.matches()) {
                if (route.method().equals(request.method())) {
                    try {
                        return route.handler().handle(request, m);
                    } catch (RuntimeException bug) {
                        return Response.json(500, Map.of("message", "simulator error: " + bug));
                    }
                }
                methodsForPath.add(route.method());
            }
        }
        return methodsForPath.isEmpty() ? Response.json(404, Map.of("message", "no route " + request.path()))
                : Response.json(405, Map.of("message", "method " + request.method() + " not allowed"));
    }

    static Map<String, String> parsePairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return pairs;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            pairs.merge(k, v, (a, b) -> a + "," + b);
        }
        return pairs;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
