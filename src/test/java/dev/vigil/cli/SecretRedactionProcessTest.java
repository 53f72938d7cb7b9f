package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import dev.vigil.sims.GenericHttpSim;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets-redaction check of issue 6, on a real {@code vigil server} process: a connector loaded from a YAML
 * file takes its token from the environment; a workflow sends it (the simulator echoes it back), logs it, and fails
 * with it in the error. Afterwards no byte of the database files and no line of the server's output holds it.
 */
class SecretRedactionProcessTest {

    private static final String TOKEN = "sk-proc-7c1e9a44d2b06f";
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @SuppressWarnings("unchecked")
    void noSecretInTheDatabaseOrTheLogAfterARunThatEchoesItLogsItAndFailsWithIt() throws Exception {
        try (GenericHttpSim sim = new GenericHttpSim()) {
            Path data = dir.resolve("data");
            Files.createDirectories(data.resolve("connectors"));
            Files.writeString(data.resolve("connectors").resolve("echo.yaml"), """
                    name: echo
                    type: http
                    config: {baseUrl: "%s", auth: bearer}
                    secrets: {token: {env: ECHO_TOKEN}}
                    """.formatted(sim.url()));
            Path log = dir.resolve("server.log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), "dev.vigil.cli.VigilCommand", "server",
                    "--port", "0", "--data", data.toString(), "--workers", "2"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().remove("VIGIL_DB_URL");
            builder.environment().put("VIGIL_ADMIN_API_KEY", "admin-key-for-the-secret-redaction-test-0001");
            builder.environment().put("ECHO_TOKEN", TOKEN);
            builder.environment().put("VIGIL_LOG_LEVEL", "DEBUG");
            Process process = builder.start();
            try {
                int port = awaitPort(process, log);
                String yaml = """
                        name: leaky
                        triggers: [{type: manual}]
                        steps:
                          - {name: call, type: http, connector-id: echo, with: {path: /echo/leak}}
                          - name: say
                            type: console
                            with: {message: "sent {{ steps.call.output.data.headers.authorization }}"}
                          - name: stop
                            type: workflow.fail
                            with: {message: "refused: {{ steps.call.output.data.headers.authorization }}"}
                        """;
                String id = (String) ((Map<String, Object>) call(port, "POST", "/api/workflows/workflow",
                        Json.write(Map.of("yaml", yaml)))).get("id");
                call(port, "POST", "/api/workflows/workflow/" + id + "/activate", null);
                String execution = (String) ((Map<String, Object>) call(port, "POST",
                        "/api/workflows/workflow/" + id + "/run", "{}")).get("workflowExecutionId");
                Map<String, Object> detail = null;
                for (int i = 0; i < 200; i++) {
                    detail = (Map<String, Object>) call(port, "GET", "/api/workflows/executions/" + execution, null);
                    if (List.of("completed", "failed").contains(detail.get("status"))) {
                        break;
                    }
                    Thread.sleep(50);
                }
                assertThat(detail).containsEntry("status", "failed");
                assertThat(sim.lastRequest().header("authorization")).isEqualTo("Bearer " + TOKEN);
                String answers = Json.write(detail) + Json.write(call(port, "GET", "/api/workflows/executions/"
                        + execution + "/logs", null));
                assertThat(answers).doesNotContain(TOKEN).contains("refused: Bearer [REDACTED]")
                        .contains("sent Bearer [REDACTED]");
            } finally {
                process.destroy();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            // the whole database (main file, WAL, shared memory) and everything the server printed
            List<Path> files;
            try (Stream<Path> walk = Files.walk(data)) {
                files = walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith("vigil.db"))
                        .toList();
            }
            assertThat(files).isNotEmpty();
            byte[] secret = TOKEN.getBytes(StandardCharsets.UTF_8);
            byte[] mask = "[REDACTED]".getBytes(StandardCharsets.UTF_8);
            boolean maskStored = false;
            for (Path file : files) {
                byte[] bytes = Files.readAllBytes(file);
                assertThat(indexOf(bytes, secret)).as("secret in " + file).isEqualTo(-1);
                maskStored |= indexOf(bytes, mask) >= 0;
            }
            assertThat(maskStored).as("the run's redacted values are in the database").isTrue();
            String output = Files.readString(log);
            assertThat(output).contains("connector echo (http)").doesNotContain(TOKEN);
        }
    }

    private int awaitPort(Process process, Path log) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            Matcher listening = LISTENING.matcher(output);
            if (listening.find() && output.contains("connectors:")) {
                return Integer.parseInt(listening.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("vigil server exited with " + process.exitValue() + ":\n" + output);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("vigil server did not start in 60 s:\n" + Files.readString(log));
    }

    private Object call(int port, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "ApiKey admin-key-for-the-secret-redaction-test-0001").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return response.body().isEmpty() ? Map.of() : Json.parse(response.body());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
