package dev.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@code workflows/invalid/X.yaml} produces exactly the problems listed in {@code X.expected}, one per line:
 * {@code code line:col [path] message}.
 */
class InvalidWorkflowsTest {

    static final Path DIR = Path.of("src", "test", "resources", "workflows", "invalid");

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList()
                    .stream();
        }
    }

    static String line(Problem p) {
        return p.code() + " " + p.position() + " [" + p.path() + "] " + p.message();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void produces_exactly_the_expected_problems(String fixture) throws IOException {
        String yaml = Files.readString(DIR.resolve(fixture));
        List<String> actual = TestRegistry.parser().parse(yaml).problems().stream().map(InvalidWorkflowsTest::line)
                .toList();
        Path expectedFile = DIR.resolve(fixture.replace(".yaml", ".expected"));
        if (Boolean.getBoolean("fixtures.print")) {
            Files.createDirectories(Path.of("target", "fixtures-actual"));
            Files.write(Path.of("target", "fixtures-actual", fixture.replace(".yaml", ".expected")), actual);
        }
        assertThat(expectedFile).exists();
        List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();
        assertThat(actual).as(fixture + " problems").containsExactlyElementsOf(expected);
        assertThat(actual).as(fixture + " is invalid").isNotEmpty();
    }
}
