package dev.vigil.steps.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.parse.ParseResult;
import dev.vigil.steps.BuiltinSteps;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.http.HttpStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The corpus's AI steps, written for Kibana, validate as they are once the AI steps are registered. */
class AiCorpusTest {

    static final Path CORPUS = Path.of("..", "shared", "corpus", "elastic-workflows");

    @Test
    void everyCorpusWorkflowWithAiStepsValidatesWithTheAiStepsRegistered() throws IOException {
        Vigil vigil = new Vigil(BuiltinSteps.standard(HttpStep.defaultClient())
                .addAll(AiSteps.definitions(MapConnectorLookup::new, HttpStep.defaultClient())).build());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                    .filter(p -> read(p).contains("type: ai.")).toList();
        }
        assertThat(files).as("corpus files with AI steps").hasSizeGreaterThanOrEqualTo(9);
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            ParseResult result = vigil.parser().parse(read(file));
            result.problems().forEach(p -> problems.add(p.format(CORPUS.relativize(file).toString())));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyAiStepIsExternalSoOfflineRunsNeverSendIt() {
        List<StepDefinition> definitions = AiSteps.definitions(MapConnectorLookup::new, HttpStep.defaultClient());
        assertThat(definitions).extracting(StepDefinition::type)
                .containsExactly("ai.prompt", "ai.classify", "ai.summarize", "ai.agent");
        assertThat(definitions).allMatch(StepDefinition::external);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
