package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.ExecutionRecord;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's common behaviour over real HTTP: health, auth on every endpoint, errors, metrics, the OpenAPI document. */
class ApiServerTest extends ApiTest {

    @Test
    void healthAndReadinessAnswerWithoutAKey() {
        assertThat(api.get("/health", null).status()).isEqualTo(200);
        ApiFixture.Answer ready = api.get("/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.map()).containsEntry("status", "ready");
    }

    @Test
    void everyOtherEndpointOfTheOpenApiDocumentRefusesARequestWithoutAKey() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(
                api.get("/api/openapi.json", ApiFixture.VIEWER).raw().body());
        int checked = 0;
        int signed = 0;
        for (var path : parsed.getOpenAPI().getPaths().entrySet()) {
            for (var operation : path.getValue().readOperationsMap().entrySet()) {
                var security = operation.getValue().getSecurity();
                boolean isPublic = security != null && security.isEmpty();
                boolean isSigned = security != null && security.stream().anyMatch(s -> s.containsKey("webhookSignature")
                        || s.containsKey("decisionLinkToken") || s.containsKey("slackSignature"));
                String concrete = path.getKey().replaceAll("\\{[^}]+}", "some-id");
                String what = operation.getKey() + " " + path.getKey();
                ApiFixture.Answer answer = api.send(operation.getKey().name(), concrete, null);
                if (isPublic) {
                    assertThat(answer.status()).as(what).isEqualTo(200);
                } else if (isSigned) {
                    // no API key is asked for; without a signature (or with a made-up one) it is refused all the same
                    assertThat(answer.status()).as(what).isEqualTo(401);
                    assertThat(answer.map()).containsEntry("error", "unauthorized").containsKeys("message", "details");
                    assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                            challenge -> assertThat(challenge).startsWith("Signature"));
                    ApiFixture.Answer forged = api.postWithHeaders(concrete, Map.of("X-Vigil-Timestamp",
                            Long.toString(java.time.Instant.now().getEpochSecond()), "X-Vigil-Signature",
                            "sha256=" + "ab".repeat(32)), "{}".getBytes());
                    assertThat(forged.status()).as("forged signature on " + path.getKey()).isEqualTo(401);
                    ApiFixture.Answer withKey = api.send(operation.getKey().name(), concrete, ApiFixture.ADMIN);
                    assertThat(withKey.status()).as("an API key is no signature on " + path.getKey()).isEqualTo(401);
                    signed++;
                } else {
                    assertThat(answer.status()).as(what).isEqualTo(401);
                    assertThat(answer.map()).containsEntry("error", "unauthorized").containsKeys("message", "details");
                    assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).contains("ApiKey");
                    ApiFixture.Answer wrongKey = api.send(operation.getKey().name(), concrete, "not-a-key");
                    assertThat(wrongKey.status()).as("wrong key on " + path.getKey()).isEqualTo(401);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
        assertThat(signed).as("the webhook, the decision link (GET, POST) and Slack's callback are documented as signed")
                .isEqualTo(4);
    }

    @Test
    void theOpenApiDocumentIsValidOpenApi3() {
        ApiFixture.Answer answer = api.get("/api/openapi.json", ApiFixture.VIEWER);
        assertThat(answer.status()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(answer.raw().body());
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/health", "/metrics",
                "/api/workflows/executions/{executionId}");
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRoutesTheServerHas() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(
                api.get("/api/openapi.json", ApiFixture.VIEWER).raw().body());
        List<String> documented = parsed.getOpenAPI().getPaths().entrySet().stream()
                .flatMap(path -> path.getValue().readOperationsMap().keySet().stream()
                        .map(method -> method.name() + " " + path.getKey()))
                .sorted().toList();
        assertThat(documented).containsExactlyElementsOf(api.server.routes());
    }

    @Test
    void aRoleThatDoesNotAllowTheEndpointIsForbiddenWithTheRoleNamed() {
        ExecutionRecord done = api.runToEnd("""
                name: quick
                triggers: [{type: manual}]
                steps:
                  - {name: hello, type: console, with: {message: hi}}
                """);
        ApiFixture.Answer answer = api.post("/api/workflows/executions/" + done.id() + "/cancel", ApiFixture.VIEWER, null);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.map()).containsEntry("error", "forbidden");
        assertThat((String) answer.map().get("message")).contains("viewer").contains("run");
    }

    @Test
    void unknownEndpointsAndUnknownJobsAreJson404s() {
        ApiFixture.Answer route = api.get("/api/nothing-here", ApiFixture.VIEWER);
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.map()).containsEntry("error", "not_found");
        ApiFixture.Answer job = api.get("/api/workflows/executions/no-such-job", ApiFixture.VIEWER);
        assertThat(job.status()).isEqualTo(404);
        assertThat((String) job.map().get("message")).contains("no-such-job");
    }

    @Test
    void aJobReadsWithEveryStepItsLogsAndCannotBeCancelledOnceEnded() {
        ExecutionRecord done = api.runToEnd("""
                name: two-steps
                triggers: [{type: manual}]
                steps:
                  - {name: first, type: data.set, with: {host: web-1}}
                  - {name: second, type: console, with: {message: "host {{ variables.host }}"}}
                """);
        ApiFixture.Answer detail = api.get("/api/workflows/executions/" + done.id(), ApiFixture.VIEWER);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.map()).containsEntry("status", "completed").containsEntry("executedBy", "tester");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) detail.map().get("stepExecutions");
        assertThat(steps).extracting(s -> s.get("stepId")).containsExactly("first", "second");
        assertThat(steps.get(1)).containsEntry("output", "host web-1");

        ApiFixture.Answer logs = api.get("/api/workflows/executions/" + done.id() + "/logs?size=100", ApiFixture.VIEWER);
        assertThat(logs.status()).isEqualTo(200);
        assertThat(logs.map()).containsKeys("logs", "total");

        ApiFixture.Answer cancel = api.post("/api/workflows/executions/" + done.id() + "/cancel", ApiFixture.RESPONDER, null);
        assertThat(cancel.status()).isEqualTo(409);
        assertThat((String) cancel.map().get("message")).contains("completed");

        ApiFixture.Answer badPage = api.get("/api/workflows/executions/" + done.id() + "/logs?size=1000", ApiFixture.VIEWER);
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.map()).containsEntry("details", Map.of("field", "size"));
    }

    @Test
    void metricsCountFinishedJobsInPrometheusFormat() {
        api.runToEnd("""
                name: counted
                triggers: [{type: manual}]
                steps:
                  - {name: hello, type: console, with: {message: hi}}
                """);
        ApiFixture.Answer metrics = api.get("/metrics", ApiFixture.VIEWER);
        for (int i = 0; i < 100 && !((String) metrics.body()).contains("vigil_jobs_finished_total"); i++) {
            sleep(); // the worker counts a job just after its final save
            metrics = api.get("/metrics", ApiFixture.VIEWER);
        }
        assertThat(metrics.status()).isEqualTo(200);
        assertThat((String) metrics.body()).contains("vigil_jobs_finished_total{status=\"completed\"} 1.0")
                .contains("vigil_jobs_queued").contains("vigil_jobs_running")
                .contains("vigil_step_duration_seconds_count{status=\"completed\",type=\"console\"} 1")
                .contains("vigil_jobs_accepted_total{test=\"false\",trigger=\"manual\"} 1.0");
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
