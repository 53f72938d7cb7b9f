package dev.vigil.connectors.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Values;
import dev.vigil.steps.StepFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every {@code elasticsearch.*}, {@code kibana.*} and {@code security.*} step of the example corpus, read in place,
 * must build a request as written (its {@code with} unrendered: templates stay text), and the ones whose mapping is
 * fixed must map as Kibana maps them.
 */
class CorpusElasticStepsTest {

    static final Path CORPUS = Path.of("..", "shared", "corpus", "elastic-workflows", "examples");

    record Step(Path file, String name, String type, Map<String, Object> with) {
    }

    @Test
    void everyCorpusElasticStepBuildsItsRequest() throws IOException {
        List<Step> steps = corpusSteps();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> byType = new TreeMap<>();
        for (Step step : steps) {
            byType.merge(step.type(), 1, Integer::sum);
            try {
                ApiRequest request = build(step);
                check(step, request, failures);
            } catch (StepFailure e) {
                failures.add(CORPUS.relativize(step.file()) + " [" + step.name() + "] " + e.getMessage());
            }
        }
        System.out.println("corpus Elastic steps: " + steps.size() + " " + byType);
        failures.forEach(System.out::println);
        assertThat(steps).hasSizeGreaterThanOrEqualTo(90);
        assertThat(byType).containsKeys("elasticsearch.esql.query", "elasticsearch.search", "elasticsearch.request",
                "elasticsearch.index", "elasticsearch.update", "elasticsearch.bulk", "elasticsearch.indices.create",
                "elasticsearch.indices.delete", "elasticsearch.indices.exists", "kibana.request",
                "kibana.SetAlertsStatus", "kibana.SetAlertTags");
        assertThat(failures).isEmpty();
    }

    static ApiRequest build(Step step) throws StepFailure {
        String family = step.type().substring(0, step.type().indexOf('.'));
        String action = step.type().substring(family.length() + 1);
        return switch (family) {
            case "elasticsearch" -> ElasticsearchRequests.build(action, step.with());
            case "security" -> SecurityAlertActions.build(action, step.with(), null);
            default -> KibanaRequests.build(action, step.with(), null);
        };
    }

    /** What each mapped step must become, whatever its templates render to. */
    private static void check(Step step, ApiRequest r, List<String> failures) {
        String where = CORPUS.relativize(step.file()) + " [" + step.name() + "] ";
        boolean ok = switch (step.type()) {
            case "elasticsearch.esql.query" -> r.method().equals("POST") && r.path().equals("/_query")
                    && r.body() instanceof ApiRequest.Body.JsonValue json && json.value() instanceof Map<?, ?> body
                    && body.containsKey("query") && !body.containsKey("format");
            case "elasticsearch.search" -> r.path().endsWith("/_search") && !r.path().equals("/_search");
            case "elasticsearch.index" -> r.method().equals("PUT") && r.path().contains("/_doc/");
            case "elasticsearch.update" -> r.method().equals("POST") && r.path().contains("/_update/");
            case "elasticsearch.bulk" -> r.body() instanceof ApiRequest.Body.Ndjson ndjson
                    && ndjson.text().startsWith("{\"index\":{}}\n");
            case "elasticsearch.indices.exists" -> r.isHead();
            case "elasticsearch.indices.create" -> r.method().equals("PUT");
            case "elasticsearch.indices.delete" -> r.method().equals("DELETE");
            case "kibana.SetAlertsStatus" -> r.path().equals("/api/detection_engine/signals/status")
                    && r.body() instanceof ApiRequest.Body.JsonValue json && json.value() instanceof Map<?, ?> body
                    && body.containsKey("status") && body.containsKey("signal_ids") && !body.containsKey("fetcher");
            case "kibana.SetAlertTags" -> r.path().equals("/api/detection_engine/signals/tags");
            case "kibana.request" -> r.headers().containsKey("kbn-xsrf") && r.path().startsWith("/");
            default -> true;
        };
        if (!ok) {
            failures.add(where + step.type() + " mapped to " + r);
        }
    }

    static List<Step> corpusSteps() throws IOException {
        assertThat(CORPUS).as("the shared corpus beside the checkout").isDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        List<Step> steps = new ArrayList<>();
        for (Path file : files) {
            for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
                if (doc instanceof Map<?, ?> workflow) {
                    collect(file, workflow.get("steps"), steps);
                }
            }
        }
        return steps;
    }

    private static void collect(Path file, Object node, List<Step> out) {
        if (!(node instanceof List<?> list)) {
            return;
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> step)) {
                continue;
            }
            String type = String.valueOf(step.get("type"));
            if (type.startsWith("elasticsearch.") || type.startsWith("kibana.") || type.startsWith("security.")) {
                Object with = step.get("with") == null ? Map.of() : Values.normalize(step.get("with"));
                @SuppressWarnings("unchecked")
                Map<String, Object> params = (Map<String, Object>) with;
                out.add(new Step(file, String.valueOf(step.get("name")), type, params));
            }
            for (String key : List.of("steps", "else", "default")) {
                collect(file, step.get(key), out);
            }
            for (String key : List.of("cases", "branches")) {
                if (step.get(key) instanceof List<?> parts) {
                    parts.forEach(p -> collect(file, p instanceof Map<?, ?> m ? m.get("steps") : null, out));
                }
            }
            if (step.get("on-failure") instanceof Map<?, ?> onFailure) {
                collect(file, onFailure.get("fallback"), out);
            }
        }
    }
}
