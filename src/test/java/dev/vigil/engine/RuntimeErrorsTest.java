package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid workflows that fail at run time on bad data: each file in {@code workflows/runtime-errors} states the
 * exact error in its first line ({@code # expect: Type: message} or {@code # expect-prefix: Type: start}), and
 * the run must end {@code failed} with it, within seconds — never a crash, a hang or an out-of-memory.
 */
class RuntimeErrorsTest {

    static final Path DIR = Path.of("src/test/resources/workflows/runtime-errors");

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theRunFailsWithTheExpectedError(Path file) throws Exception {
        String yaml = Files.readString(file);
        String header = yaml.lines().findFirst().orElseThrow();
        boolean prefix = header.startsWith("# expect-prefix: ");
        String expected = header.substring(header.indexOf(": ") + 2);
        EngineFixture engine = new EngineFixture();
        var workflow = engine.parse(yaml);
        ExecutionRecord record = CompletableFuture
                .supplyAsync(() -> engine.executor.run(workflow, RunRequest.manual("t", Map.of(), "tester")),
                        r -> Thread.ofVirtual().start(r))
                .get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(record.status()).as(file.getFileName().toString()).isEqualTo(ExecutionStatus.FAILED);
        String actual = record.error().get("type") + ": " + record.error().get("message");
        if (prefix) {
            assertThat(actual).startsWith(expected);
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }
}
