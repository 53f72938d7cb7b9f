package dev.vigil.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Settings.LiquidLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every templated string of the example corpus must pass the syntax check and render against an empty context
 * (files are read in place, never copied).
 */
class CorpusTemplatesTest {

    private static final Path CORPUS = Path.of("../shared/corpus/elastic-workflows/examples");

    @Test
    void everyCorpusTemplatePassesTheSyntaxCheck() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS), "corpus not present at " + CORPUS.toAbsolutePath());
        TemplateEngine engine = new TemplateEngine();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path file : files) {
            List<String> strings = new ArrayList<>();
            Load load = new Load(LoadSettings.builder().build());
            for (Object doc : load.loadAllFromString(Files.readString(file))) {
                collect(doc, strings);
            }
            for (String s : strings) {
                checked++;
                List<TemplateError> errors = engine.check(s);
                if (!errors.isEmpty()) {
                    failures.add(CORPUS.relativize(file) + ": " + errors + "\n    " + preview(s));
                    continue;
                }
                try {
                    engine.renderValue(s, Map.of(), LiquidLimits.DEFAULTS);
                } catch (TemplateException e) {
                    failures.add(CORPUS.relativize(file) + ": render with an empty context failed: " + e.getMessage()
                            + "\n    " + preview(s));
                }
            }
        }
        failures.forEach(System.out::println);
        System.out.println("corpus templates checked: " + checked + " in " + files.size() + " files");
        assertThat(files).isNotEmpty();
        assertThat(checked).isGreaterThan(500);
        assertThat(failures).isEmpty();
    }

    private static void collect(Object node, List<String> out) {
        switch (node) {
            case String s when TemplateEngine.containsTemplate(s) -> out.add(s);
            case Map<?, ?> m -> m.values().forEach(v -> collect(v, out));
            case List<?> l -> l.forEach(v -> collect(v, out));
            case null, default -> { }
        }
    }

    private static String preview(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
