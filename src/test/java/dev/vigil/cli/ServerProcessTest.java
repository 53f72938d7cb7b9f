package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil server --port N --data DIR} as separate OS processes, two side by side: each creates its own
 * database and admin key in its own folder, says where the key is, answers health without a key and the API only
 * with its own key, and stops cleanly on SIGTERM.
 */
class ServerProcessTest {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    record Server(Process process, Path log, int port, String adminKey) {
    }

    private Server start(String name, Map<String, String> environment) throws Exception {
        Path data = dir.resolve(name);
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.vigil.cli.VigilCommand", "server",
                "--port", "0", "--data", data.toString(), "--workers", "4"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("VIGIL_ADMIN_API_KEY");
        builder.environment().remove("VIGIL_DB_URL");
        builder.environment().putAll(environment);
        Process process = builder.start();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            Matcher listening = LISTENING.matcher(output);
            if (listening.find() && output.contains("API keys:")) {
                Path keyFile = data.resolve("admin-api-key");
                String key = environment.getOrDefault("VIGIL_ADMIN_API_KEY",
                        Files.exists(keyFile) ? Files.readString(keyFile).strip() : null);
                return new Server(process, log, Integer.parseInt(listening.group(1)), key);
            }
            if (!process.isAlive()) {
                throw new AssertionError("vigil server exited with " + process.exitValue() + ":\n" + output);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("vigil server did not start in 60 s:\n" + Files.readString(log));
    }

    private int get(Server server, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (key != null) {
            request.header("Authorization", "ApiKey " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void twoServersRunSideBySideEachWithItsOwnDataAndAdminKey() throws Exception {
        Server a = start("a", Map.of());
        Server b = start("b", Map.of("VIGIL_ADMIN_API_KEY", "automation-admin-key-0123456789abcdef0123"));
        try {
            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(Files.readString(a.log())).contains("admin-api-key").doesNotContain(a.adminKey());
            assertThat(Files.getPosixFilePermissions(dir.resolve("a").resolve("admin-api-key")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.exists(dir.resolve("b").resolve("admin-api-key"))).isFalse();
            assertThat(Files.readString(b.log())).contains("VIGIL_ADMIN_API_KEY")
                    .doesNotContain("automation-admin-key-0123456789abcdef0123");
            assertThat(Files.exists(dir.resolve("a").resolve("vigil.db"))).isTrue();

            for (Server server : List.of(a, b)) {
                assertThat(get(server, "/health", null)).isEqualTo(200);
                assertThat(get(server, "/api/workflows", null)).isEqualTo(401);
                assertThat(get(server, "/api/workflows", server.adminKey())).isEqualTo(200);
            }
            assertThat(get(b, "/api/workflows", a.adminKey())).as("a's key on b").isEqualTo(401);
            assertThat(get(a, "/api/workflows", b.adminKey())).as("b's key on a").isEqualTo(401);
        } finally {
            for (Server server : List.of(a, b)) {
                server.process().destroy(); // SIGTERM: the server closes its node and exits
                assertThat(server.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
