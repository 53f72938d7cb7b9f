package dev.vigil.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Settings.LiquidLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One engine, eight threads, the same cached templates: every result must be the one for its own context. */
class ConcurrencyTest {

    private static final String TEMPLATE = "{% assign total = 0 %}{% for x in items %}"
            + "{% assign total = total | plus: x %}{% cycle 'a', 'b' %}{% endfor %}|{{ total }}|{{ name | upcase }}"
            + "|{% increment c %}{% increment c %}|{% capture cap %}{{ name }}-{{ items.size }}{% endcapture %}{{ cap }}";

    @Test
    void rendersConcurrentlyFromEightThreads() throws Exception {
        TemplateEngine engine = new TemplateEngine();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<String> problems = new ArrayList<>();
                    for (int i = 0; i < 2_000; i++) {
                        int n = (thread * 7 + i) % 9 + 1;
                        List<Object> items = new ArrayList<>();
                        long sum = 0;
                        for (long k = 1; k <= n; k++) {
                            items.add(k);
                            sum += k;
                        }
                        String name = "t" + thread + "i" + i;
                        String out = engine.render(TEMPLATE, Map.of("items", items, "name", name),
                                LiquidLimits.DEFAULTS);
                        String cycle = "ab".repeat(n / 2) + (n % 2 == 1 ? "a" : "");
                        String expected = cycle + "|" + sum + "|" + name.toUpperCase() + "|01|" + name + "-" + n;
                        if (!out.equals(expected)) {
                            problems.add(out + " != " + expected);
                        }
                        Object typed = engine.evaluate("items | last", Map.of("items", items), LiquidLimits.DEFAULTS);
                        if (!Long.valueOf(n).equals(typed)) {
                            problems.add("typed " + typed + " != " + n);
                        }
                    }
                    return problems;
                }));
            }
            for (Future<List<String>> f : futures) {
                assertThat(f.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
