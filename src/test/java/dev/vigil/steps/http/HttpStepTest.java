package dev.vigil.steps.http;

import static dev.vigil.steps.FakeInvocation.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.model.Json;
import dev.vigil.steps.FakeInvocation;
import dev.vigil.steps.StepFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The http step against a real local server on 127.0.0.1, port 0. */
class HttpStepTest {

    private static HttpServer server;
    private static String base;
    private static final HttpStep STEP = new HttpStep(HttpStep.defaultClient());

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/json", ex -> {
            ex.getResponseHeaders().add("X-Multi", "one");
            ex.getResponseHeaders().add("X-Multi", "two");
            send(ex, 200, "application/json", "{\"ok\":true,\"n\":1}");
        });
        server.createContext("/text", ex -> send(ex, 200, "text/plain; charset=utf-8", "hello"));
        server.createContext("/jsonish", ex -> send(ex, 200, "text/plain", "[1, 2]"));
        server.createContext("/echo", ex -> {
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("method", ex.getRequestMethod());
            echo.put("rawQuery", ex.getRequestURI().getRawQuery());
            echo.put("contentType", ex.getRequestHeaders().getFirst("Content-Type"));
            echo.put("custom", ex.getRequestHeaders().get("X-Custom"));
            echo.put("authorization", ex.getRequestHeaders().getFirst("Authorization"));
            echo.put("idempotencyKey", ex.getRequestHeaders().get("Idempotency-Key"));
            echo.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(ex, 201, "application/json", Json.write(echo));
        });
        server.createContext("/missing", ex -> send(ex, 404, "application/json", "{\"error\":\"no such thing\"}"));
        server.createContext("/boom", ex -> send(ex, 500, "text/plain", "broken"));
        server.createContext("/teapot", ex -> send(ex, 599, "text/plain", ""));
        server.createContext("/redirect", ex -> redirect(ex, 302, "/json"));
        server.createContext("/see-other", ex -> redirect(ex, 303, "/echo"));
        server.createContext("/temporary", ex -> redirect(ex, 307, "/echo"));
        server.createContext("/loop", ex -> redirect(ex, 302, "/loop"));
        server.createContext("/elsewhere", ex -> redirect(ex, 302,
                "http://localhost:" + server.getAddress().getPort() + "/echo"));
        server.createContext("/slow", ex -> {
            sleep(3000);
            send(ex, 200, "text/plain", "late");
        });
        server.createContext("/slow-body", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("start".getBytes());
                out.flush();
                sleep(3000);
                out.write("end".getBytes());
            }
        });
        server.createContext("/big", ex -> send(ex, 200, "text/plain", "x".repeat(4096)));
        server.createContext("/big-chunked", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 8; i++) {
                    out.write("y".repeat(512).getBytes());
                    out.flush();
                }
            }
        });
        server.createContext("/no-content", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange ex, int status, String location) throws IOException {
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<?, ?> run(Map<String, Object> with) throws StepFailure {
        return (Map<?, ?>) STEP.run(FakeInvocation.with(with));
    }

    private static StepFailure failure(FakeInvocation call) {
        try {
            STEP.run(call);
        } catch (StepFailure e) {
            return e;
        }
        throw new AssertionError("the step should have failed");
    }

    @Test
    void getParsesAJsonBody() throws Exception {
        Map<?, ?> out = run(map("url", base + "/json"));

        assertThat(out.get("status")).isEqualTo(200L);
        assertThat(out.get("statusText")).isEqualTo("OK");
        assertThat(out.get("data")).isEqualTo(map("ok", true, "n", 1));
        Map<?, ?> headers = (Map<?, ?>) out.get("headers");
        assertThat(headers.get("content-type")).isEqualTo("application/json");
        assertThat(headers.get("x-multi")).isEqualTo("one, two");
        assertThat(headers.keySet()).allSatisfy(name -> assertThat((String) name).isLowerCase());
    }

    @Test
    void everyRequestCarriesTheStepsIdempotencyKey() throws Exception {
        Map<?, ?> echo = (Map<?, ?>) run(map("url", base + "/echo", "method", "POST", "body", "x")).get("data");
        assertThat(echo.get("idempotencyKey")).isEqualTo(List.of("exec-1/steps[0]/0"));
    }

    @Test
    void aWorkflowsOwnIdempotencyKeyIsKept() throws Exception {
        Map<?, ?> echo = (Map<?, ?>) run(map("url", base + "/echo", "headers",
                map("idempotency-key", "mine"))).get("data");
        assertThat(echo.get("idempotencyKey")).isEqualTo(List.of("mine"));
    }

    @Test
    void textBodiesStayText() throws Exception {
        assertThat(run(map("url", base + "/text")).get("data")).isEqualTo("hello");
    }

    @Test
    void aBodyThatIsAJsonArrayIsParsedWhateverTheContentType() throws Exception {
        assertThat(run(map("url", base + "/jsonish")).get("data")).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void noContentGivesAnEmptyString() throws Exception {
        Map<?, ?> out = run(map("url", base + "/no-content"));
        assertThat(out.get("status")).isEqualTo(204L);
        assertThat(out.get("statusText")).isEqualTo("No Content");
        assertThat(out.get("data")).isEqualTo("");
    }

    @Test
    void postSendsAStructuredBodyAsJson() throws Exception {
        Map<?, ?> out = run(map("url", base + "/echo", "method", "post", "body", map("a", 1, "b", List.of("x"))));

        assertThat(out.get("status")).isEqualTo(201L);
        assertThat(out.get("statusText")).isEqualTo("Created");
        Map<?, ?> echo = (Map<?, ?>) out.get("data");
        assertThat(echo.get("method")).isEqualTo("POST");
        assertThat(echo.get("contentType")).isEqualTo("application/json");
        assertThat(Json.parse((String) echo.get("body"))).isEqualTo(map("a", 1, "b", List.of("x")));
    }

    @Test
    void aStringBodyIsSentAsIs() throws Exception {
        Map<?, ?> echo = (Map<?, ?>) run(map("url", base + "/echo", "method", "PUT", "body", "plain words"))
                .get("data");
        assertThat(echo.get("body")).isEqualTo("plain words");
        assertThat(echo.get("contentType")).isEqualTo("text/plain; charset=utf-8");

        Map<?, ?> json = (Map<?, ?>) run(map("url", base + "/echo", "method", "PATCH", "body", "{\"a\":1}")).get("data");
        assertThat(json.get("body")).isEqualTo("{\"a\":1}");
        assertThat(json.get("contentType")).isEqualTo("application/json");
    }

    @Test
    void headersAreSentAndAnExplicitContentTypeWins() throws Exception {
        Map<?, ?> echo = (Map<?, ?>) run(map("url", base + "/echo", "method", "POST",
                "headers", map("X-Custom", List.of("a", "b"), "Content-Type", "application/vnd.x+json", "Host", "evil"),
                "body", map("k", 1))).get("data");
        assertThat(echo.get("custom")).isEqualTo(List.of("a", "b"));
        assertThat(echo.get("contentType")).isEqualTo("application/vnd.x+json");
    }

    @Test
    void queryIsUrlEncodedAndAppended() throws Exception {
        Map<?, ?> echo = (Map<?, ?>) run(map("url", base + "/echo?fixed=1",
                "query", map("q", "a b&c=d/é", "n", 5, "tag", List.of("x", "y"), "skip", null))).get("data");
        assertThat(echo.get("rawQuery")).isEqualTo("fixed=1&q=a%20b%26c%3Dd%2F%C3%A9&n=5&tag=x&tag=y");
    }

    @Test
    void headRequestsWork() throws Exception {
        Map<?, ?> out = run(map("url", base + "/json", "method", "head"));
        assertThat(out.get("status")).isEqualTo(200L);
        assertThat(out.get("data")).isEqualTo("");
    }

    @Test
    void non2xxFailsWithHttpRequestErrorAndTheResponse() {
        StepFailure e = failure(FakeInvocation.with(map("url", base + "/missing?token=secret",
                "headers", map("Authorization", "Bearer hunter2"))));

        assertThat(e.type()).isEqualTo("HttpRequestError");
        assertThat(e.getMessage()).isEqualTo("HTTP 404 Not Found from GET " + base + "/missing");
        assertThat(e.getMessage()).doesNotContain("secret", "hunter2");
        assertThat(e.details()).containsEntry("status", 404L).containsEntry("statusText", "Not Found")
                .containsEntry("data", map("error", "no such thing")).containsKey("headers");
        Map<String, Object> value = e.toValue();
        assertThat(value).containsEntry("status", 404L).containsEntry("statusCode", 404L)
                .containsEntry("type", "HttpRequestError");
        assertThat(List.copyOf(value.keySet())).containsExactly("type", "message", "status", "statusCode", "details");
    }

    @Test
    void serverErrorsFailToo() {
        StepFailure e = failure(FakeInvocation.with(map("url", base + "/boom", "method", "DELETE")));
        assertThat(e.getMessage()).isEqualTo("HTTP 500 Internal Server Error from DELETE " + base + "/boom");
        assertThat(e.details()).containsEntry("data", "broken");
    }

    @Test
    void anUnknownStatusHasAnEmptyStatusText() {
        StepFailure e = failure(FakeInvocation.with(map("url", base + "/teapot")));
        assertThat(e.getMessage()).isEqualTo("HTTP 599 from GET " + base + "/teapot");
        assertThat(e.details()).containsEntry("statusText", "");
    }

    @Test
    void redirectsAreFollowedByDefault() throws Exception {
        Map<?, ?> out = run(map("url", base + "/redirect"));
        assertThat(out.get("data")).isEqualTo(map("ok", true, "n", 1));
    }

    @Test
    void seeOtherTurnsAPostIntoAGetWithoutBody() throws Exception {
        Map<?, ?> echo = (Map<?, ?>) run(map("url", base + "/see-other", "method", "POST", "body", map("a", 1)))
                .get("data");
        assertThat(echo.get("method")).isEqualTo("GET");
        assertThat(echo.get("body")).isEqualTo("");
    }

    @Test
    void temporaryRedirectKeepsMethodAndBody() throws Exception {
        Map<?, ?> echo = (Map<?, ?>) run(map("url", base + "/temporary", "method", "POST", "body", map("a", 1)))
                .get("data");
        assertThat(echo.get("method")).isEqualTo("POST");
        assertThat(echo.get("body")).isEqualTo("{\"a\":1}");
    }

    @Test
    void aRedirectToAnotherOriginDropsCredentials() throws Exception {
        Map<?, ?> echo = (Map<?, ?>) run(map("url", base + "/elsewhere",
                "headers", map("Authorization", "Bearer x", "X-Custom", "kept"))).get("data");
        assertThat(echo.get("authorization")).isNull();
        assertThat(echo.get("custom")).isEqualTo(List.of("kept"));
    }

    @Test
    void followRedirectsFalseReturnsTheRedirectAsAFailure() {
        StepFailure e = failure(FakeInvocation.with(map("url", base + "/redirect",
                "fetcher", map("follow_redirects", false))));
        assertThat(e.type()).isEqualTo("HttpRequestError");
        assertThat(e.details()).containsEntry("status", 302L);
    }

    @Test
    void maxRedirectsStopsALoop() {
        StepFailure e = failure(FakeInvocation.with(map("url", base + "/loop", "fetcher", map("max_redirects", 3))));
        assertThat(e.type()).isEqualTo("TooManyRedirects");
        assertThat(e.getMessage()).isEqualTo("http: more than 3 redirects, last from GET " + base + "/loop");
    }

    @Test
    void aSlowServerTimesOutWithinTheStepsRemainingTime() {
        long start = System.nanoTime();
        StepFailure e = failure(FakeInvocation.with(map("url", base + "/slow")).remaining(Duration.ofMillis(300)));
        assertThat(e.type()).isEqualTo("TimeoutError");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aBodyThatStallsTimesOutToo() {
        long start = System.nanoTime();
        StepFailure e = failure(FakeInvocation.with(map("url", base + "/slow-body")).remaining(Duration.ofMillis(300)));
        assertThat(e.type()).isEqualTo("TimeoutError");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void noTimeLeftFailsBeforeSending() {
        StepFailure e = failure(FakeInvocation.with(map("url", base + "/json")).remaining(Duration.ZERO));
        assertThat(e.type()).isEqualTo("TimeoutError");
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        StepFailure e = failure(FakeInvocation.with(map("url", "http://127.0.0.1:" + port + "/x")));
        assertThat(e.type()).isEqualTo("ConnectionRefused");
        assertThat(e.getMessage()).isEqualTo("http: connection refused for GET http://127.0.0.1:" + port + "/x");
    }

    @Test
    void aDeclaredLengthOverTheCapFails() {
        StepFailure e = failure(FakeInvocation.with(map("url", base + "/big", "fetcher", map("max_content_length", 1000))));
        assertThat(e.type()).isEqualTo("ResponseTooLarge");
        assertThat(e.getMessage()).contains("fetcher.max_content_length (1000 bytes)");
    }

    @Test
    void aStreamedBodyOverTheCapFails() {
        StepFailure e = failure(FakeInvocation.with(map("url", base + "/big-chunked",
                "fetcher", map("max_content_length", "1kb"))));
        assertThat(e.type()).isEqualTo("ResponseTooLarge");
    }

    @Test
    void aBodyUnderTheCapPasses() throws Exception {
        assertThat(run(map("url", base + "/big", "fetcher", map("max_content_length", 4096))).get("data"))
                .isEqualTo("x".repeat(4096));
    }

    @Test
    void anInterruptedThreadCancelsTheRequest() throws Exception {
        StepFailure[] seen = new StepFailure[1];
        Thread thread = Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            seen[0] = failure(FakeInvocation.with(map("url", base + "/slow")));
        });
        thread.join(Duration.ofSeconds(5));
        assertThat(seen[0].type()).isEqualTo("HttpRequestCancelledError");
    }

    @Test
    void badParametersFailClearly() {
        assertThat(failure(FakeInvocation.with(map("url", base, "method", "TRACE"))).getMessage())
                .isEqualTo("http: with.method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, got \"TRACE\"");
        assertThat(failure(FakeInvocation.with(map())).getMessage()).isEqualTo("http: with.url is required (or connector-id and with.path)");
        assertThat(failure(FakeInvocation.with(map("url", 5))).getMessage())
                .isEqualTo("http: with.url must be a string, got number");
        assertThat(failure(FakeInvocation.with(map("url", "ftp://127.0.0.1/x?key=1"))).getMessage())
                .isEqualTo("http: with.url must be an absolute http or https URL, got \"ftp://127.0.0.1/x\"");
        assertThat(failure(FakeInvocation.with(map("url", base, "headers", "x"))).getMessage())
                .isEqualTo("http: with.headers must be an object, got string");
        assertThat(failure(FakeInvocation.with(map("url", base, "fetcher", map("follow_redirects", 1)))).getMessage())
                .isEqualTo("http: fetcher.follow_redirects must be a boolean, got number");
    }

    @Test
    void connectorIdWithoutUrlNeedsTheServersConnectors() {
        StepFailure e = failure(FakeInvocation.with(map("path", "/x")).connectorId("my-connector"));
        assertThat(e.type()).isEqualTo("ConnectorNotConfigured");
        assertThat(e.getMessage()).contains("connector-id 'my-connector'").contains("./vigil server");
    }

    @Test
    void connectorIdWithAUrlUsesTheUrl() throws Exception {
        Object out = STEP.run(FakeInvocation.with(map("url", base + "/text")).connectorId("my-connector"));
        assertThat(((Map<?, ?>) out).get("data")).isEqualTo("hello");
    }

    @Test
    void logsTheRequestLineAndStatusButNoHeadersOrQuery() throws Exception {
        FakeInvocation call = FakeInvocation.with(map("url", base + "/json?api_key=s3cret",
                "headers", map("Authorization", "Bearer hunter2")));
        STEP.run(call);
        assertThat(call.logs()).contains("info: http: GET " + base + "/json → 200");
        assertThat(String.join("\n", call.logs())).doesNotContain("s3cret", "hunter2");
    }

    @Test
    void aClientThatFollowsRedirectsItselfIsRefused() {
        assertThatThrownBy(() -> new HttpStep(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void definitionIsExternal() {
        var definition = HttpStep.definition(HttpStep.defaultClient());
        assertThat(definition.type()).isEqualTo("http");
        assertThat(definition.external()).isTrue();
        assertThat(definition.requiredWith()).isEmpty();
    }
}
