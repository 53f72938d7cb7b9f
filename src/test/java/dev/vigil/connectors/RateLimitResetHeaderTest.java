package dev.vigil.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.sims.GenericHttpSim;
import dev.vigil.sims.Simulator;
import dev.vigil.steps.StepFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Services that say when their rate limit resets as an epoch second (CrowdStrike, Okta) instead of Retry-After. */
class RateLimitResetHeaderTest {

    final GenericHttpSim sim = new GenericHttpSim();

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorHttp http(Duration remaining) {
        return new ConnectorHttp(HttpClient.newHttpClient(), remaining, Duration.ofSeconds(5), (level, message) -> {
        }, "test.action");
    }

    static Simulator.Response limited(long resetEpochSecond) {
        return Simulator.Response.json(429, Map.of("errors", List.of(Map.of("code", 429, "message", "API rate limit exceeded."))))
                .withHeader("X-RateLimit-RetryAfter", String.valueOf(resetEpochSecond));
    }

    @Test
    void theResetHeaderIsWaitedOutWhenTheRequestNamesIt() throws StepFailure {
        sim.failNext(1, limited(Instant.now().getEpochSecond() + 1));
        long start = System.nanoTime();
        ConnectorHttp.Response response = http(Duration.ofSeconds(20)).request("GET", sim.url() + "/echo")
                .rateLimitReset("X-RateLimit-RetryAfter").send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sim.requests()).hasSize(2);
    }

    @Test
    void aResetBeyondTheStepsTimeFailsAtOnceWithTheWait() {
        sim.failNext(1, limited(Instant.now().getEpochSecond() + 300));
        try {
            http(Duration.ofSeconds(10)).request("GET", sim.url() + "/echo").rateLimitReset("X-RateLimit-RetryAfter").send();
            throw new AssertionError("expected RateLimited");
        } catch (StepFailure failure) {
            assertThat(failure.type()).isEqualTo("RateLimited");
            assertThat((Long) failure.details().get("retryAfterSeconds")).isBetween(298L, 300L);
            assertThat(failure.getMessage()).contains("HTTP 429");
        }
        assertThat(sim.requests()).hasSize(1);
    }

    @Test
    void withoutTheHeaderNamedTheDefaultBackOffApplies() {
        Instant now = Instant.now();
        assertThat(ConnectorHttp.retryAfter(response(Map.of("x-ratelimit-retryafter", String.valueOf(
                now.getEpochSecond() + 300))), 1, null)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterWinsOverTheResetHeader() {
        Instant now = Instant.now();
        assertThat(ConnectorHttp.retryAfter(response(Map.of("retry-after", "7", "x-rate-limit-reset",
                String.valueOf(now.getEpochSecond() + 300))), 1, "X-Rate-Limit-Reset")).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void theWaitIsMeasuredAgainstTheServicesDateNotTheLocalClock() {
        // the service's clock is an hour behind ours: its reset, an hour "ago" locally, is still 30 s away for it
        Instant serviceNow = Instant.now().minusSeconds(3600);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(serviceNow.atOffset(ZoneOffset.UTC));
        Duration wait = ConnectorHttp.retryAfter(response(Map.of("date", date, "x-rate-limit-reset",
                String.valueOf(serviceNow.getEpochSecond() + 30))), 1, "X-Rate-Limit-Reset");
        assertThat(wait).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aResetAlreadyPastStillWaitsOneSecond() {
        assertThat(ConnectorHttp.retryAfter(response(Map.of("x-rate-limit-reset",
                String.valueOf(Instant.now().getEpochSecond() - 5))), 1, "X-Rate-Limit-Reset"))
                .isEqualTo(Duration.ofSeconds(1));
    }

    /** Just the headers of a 429; the rest is never read. */
    private static HttpResponse<byte[]> response(Map<String, String> headers) {
        HttpHeaders all = HttpHeaders.of(headers.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> List.of(e.getValue()))), (k, v) -> true);
        return new HttpResponse<>() {
            public int statusCode() {
                return 429;
            }

            public HttpRequest request() {
                return HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
            }

            public Optional<HttpResponse<byte[]>> previousResponse() {
                return Optional.empty();
            }

            public HttpHeaders headers() {
                return all;
            }

            public byte[] body() {
                return new byte[0];
            }

            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            public URI uri() {
                return URI.create("http://127.0.0.1/");
            }

            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
