package dev.vigil.bench;

import dev.vigil.Vigil;
import dev.vigil.alert.AlertEvents;
import dev.vigil.condition.Kql;
import dev.vigil.condition.KqlQuery;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Executor;
import dev.vigil.engine.MemoryJournal;
import dev.vigil.engine.RunRequest;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.model.Json;
import dev.vigil.model.Settings.LiquidLimits;
import dev.vigil.model.Workflow;
import dev.vigil.template.TemplateEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A plain harness (no JMH): each figure is measured for a fixed time after a warm-up of the same length, three
 * times, and the median is printed with the min and max. Single thread; the machine's other core is idle.
 */
public final class EngineBench {

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        Path corpus = Path.of(args[1]);
        Vigil vigil = Vigil.standard();
        System.out.printf("Vigil engine benchmark — java %s, %d cores, %.0f s per measurement, median [min..max] of 3%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), seconds);
        perStepOverhead(vigil, seconds);
        liquidThroughput(vigil, corpus, seconds);
        kqlThroughput(corpus, seconds);
    }

    interface Op {
        void run() throws Exception;
    }

    /** Operations per second, median of three timed rounds after one warm-up round. */
    static double[] measure(double seconds, Op op) throws Exception {
        long budget = (long) (seconds * 1e9);
        double[] rates = new double[3];
        for (int round = -1; round < 3; round++) {
            long start = System.nanoTime();
            long n = 0;
            while (System.nanoTime() - start < budget) {
                op.run();
                n++;
            }
            double rate = n / ((System.nanoTime() - start) / 1e9);
            if (round >= 0) {
                rates[round] = rate;
            }
        }
        java.util.Arrays.sort(rates);
        return rates;
    }

    static String fmt(double[] r, String unit) {
        return String.format("%,.0f %s [%,.0f..%,.0f]", r[1], unit, r[0], r[2]);
    }

    static Workflow workflow(Vigil vigil, int steps) {
        StringBuilder yaml = new StringBuilder("name: bench\ntriggers: [{type: manual}]\nsteps:\n");
        for (int i = 0; i < steps; i++) {
            yaml.append("  - {name: s").append(i).append(", type: data.set, with: {k").append(i).append(": ").append(i).append("}}\n");
        }
        var result = vigil.parser().parse(yaml.toString());
        if (!result.valid()) {
            throw new IllegalStateException(result.problems().toString());
        }
        return result.workflow();
    }

    static void perStepOverhead(Vigil vigil, double seconds) throws Exception {
        Workflow one = workflow(vigil, 1);
        Workflow hundred = workflow(vigil, 100);
        RunRequest request = RunRequest.manual("bench", Map.of(), "bench");
        Op runOne = () -> runOnce(vigil, one, request);
        Op runHundred = () -> runOnce(vigil, hundred, request);
        double[] r1 = measure(seconds, runOne);
        double[] r100 = measure(seconds, runHundred);
        double perStepUs = (1e6 / r100[1] - 1e6 / r1[1]) / 99;
        System.out.println();
        System.out.println("per-step overhead (data.set, in-memory journal, full step records)");
        System.out.println("  1-step workflow runs/s:   " + fmt(r1, "runs/s"));
        System.out.println("  100-step workflow runs/s: " + fmt(r100, "runs/s"));
        System.out.printf("  per-step overhead: %.2f µs  ((1/rate100 - 1/rate1) / 99, medians)%n", perStepUs);
    }

    static void runOnce(Vigil vigil, Workflow workflow, RunRequest request) {
        // a fresh journal per run, as history would be written once per run and not accumulate in memory
        Executor executor = vigil.executor(EngineClock.system(), new MemoryJournal(), WorkflowResolver.NONE);
        ExecutionRecord record = executor.run(workflow, request);
        if (record.status() != ExecutionStatus.COMPLETED) {
            throw new IllegalStateException("bench run " + record.status() + ": " + record.error());
        }
    }

    static List<String> corpusStrings(Path corpus, java.util.function.Predicate<String> keep) throws Exception {
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(corpus)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(p));
                collect(doc, null, found, keep);
            }
        }
        return found;
    }

    static void collect(Object node, String key, List<String> found, java.util.function.Predicate<String> keep) {
        switch (node) {
            case null -> {
            }
            case Map<?, ?> m -> m.forEach((k, v) -> {
                if (!"consts".equals(k) && !"template-metadata".equals(k)) {
                    collect(v, String.valueOf(k), found, keep);
                }
            });
            case List<?> l -> l.forEach(v -> collect(v, key, found, keep));
            case String s when keep.test(key + "\u0000" + s) -> found.add(s);
            default -> {
            }
        }
    }

    static Map<String, Object> context(Path corpus) throws Exception {
        Path alert = Path.of("src/test/resources/events/endpoint-alert.json");
        Map<String, Object> context = new HashMap<>();
        context.put("event", AlertEvents.from(Json.parse(Files.readString(alert))));
        context.put("inputs", Map.of("ip", "185.220.101.47", "hash", "de96a6e6", "query", "FROM logs | LIMIT 10"));
        context.put("consts", Map.of("index", "logs-*", "limit", 10L));
        Map<String, Object> steps = new LinkedHashMap<>();
        steps.put("search", Map.of("output", Map.of("hits", Map.of("total", Map.of("value", 3L), "hits",
                List.of(Map.of("_id", "1", "_source", Map.of("host", Map.of("name", "web-1"))))))));
        context.put("steps", steps);
        context.put("variables", Map.of("count", 3L));
        context.put("foreach", Map.of("item", Map.of("name", "x", "id", 1L), "index", 0L, "total", 1L));
        context.put("now", TemplateEngine.timestamp(Instant.now()));
        context.put("execution", Map.of("id", "e1", "startedAt", TemplateEngine.timestamp(Instant.now())));
        context.put("workflow", Map.of("id", "w1", "name", "bench"));
        return context;
    }

    static void liquidThroughput(Vigil vigil, Path corpus, double seconds) throws Exception {
        TemplateEngine templates = vigil.templates();
        List<String> all = corpusStrings(corpus, ks -> {
            String s = ks.substring(ks.indexOf('\u0000') + 1);
            return s.contains("{{") || s.contains("{%");
        });
        Map<String, Object> context = context(corpus);
        List<String> usable = new ArrayList<>();
        for (String t : all) {
            try {
                templates.renderValue(t, context, LiquidLimits.DEFAULTS);
                usable.add(t);
            } catch (Exception e) {
                // a template whose render needs data this context lacks is left out of the throughput figure
            }
        }
        int[] i = {0};
        double[] r = measure(seconds, () -> {
            templates.renderValue(usable.get(i[0]++ % usable.size()), context, LiquidLimits.DEFAULTS);
        });
        System.out.println();
        System.out.printf("Liquid rendering: %d corpus templates (%d render with the bench context), round-robin%n",
                all.size(), usable.size());
        System.out.println("  renders/s: " + fmt(r, "renders/s"));
    }

    static void kqlThroughput(Path corpus, double seconds) throws Exception {
        List<String> conditions = corpusStrings(corpus, ks -> {
            String key = ks.substring(0, ks.indexOf('\u0000'));
            String s = ks.substring(ks.indexOf('\u0000') + 1);
            return (key.equals("condition") || key.equals("if")) && !s.contains("{{") && !s.contains("{%");
        });
        List<KqlQuery> queries = new ArrayList<>();
        for (String c : conditions) {
            try {
                queries.add(Kql.parse(c));
            } catch (Exception e) {
                throw new IllegalStateException("corpus condition does not parse: " + c, e);
            }
        }
        Map<String, Object> context = context(corpus);
        Instant now = Instant.now();
        int[] i = {0};
        double[] eval = measure(seconds, () -> queries.get(i[0]++ % queries.size()).matches(context, now));
        int[] j = {0};
        double[] parse = measure(seconds, () -> Kql.parse(conditions.get(j[0]++ % conditions.size())));
        System.out.println();
        System.out.printf("KQL: %d corpus conditions (bare KQL in if/condition fields), round-robin%n", conditions.size());
        System.out.println("  evaluations/s: " + fmt(eval, "evals/s"));
        System.out.println("  parses/s:      " + fmt(parse, "parses/s"));
    }
}
