package dev.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every example of the Elastic Workflows corpus (read in place, never copied) parses with zero problems. */
class CorpusTest {

    static final Path CORPUS = Path.of("..", "shared", "corpus", "elastic-workflows", "examples");

    static List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            return walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                    .toList();
        }
    }

    @Test
    void every_corpus_workflow_parses_without_problems() throws IOException {
        List<Path> files = files();
        assertThat(files).as("corpus files under " + CORPUS.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(78);
        WorkflowParser parser = TestRegistry.parser();
        List<String> problems = new ArrayList<>();
        int steps = 0;
        for (Path file : files) {
            ParseResult result = parser.parse(Files.readString(file));
            String name = CORPUS.relativize(file).toString();
            result.problems().forEach(p -> problems.add(p.format(name) + " [" + p.code() + "]"));
            if (result.workflow() == null) {
                problems.add(name + ": no workflow built");
            } else {
                steps += result.workflow().steps().size();
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
        assertThat(steps).isGreaterThan(100);
    }
}
