package dev.vigil.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Settings.LiquidLimits;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rough throughput figure (printed) and a loose ceiling; the real benchmark belongs in bench/. */
class ThroughputTest {

    @Test
    void cachedRendersTakeMicroseconds() throws TemplateException {
        TemplateEngine engine = new TemplateEngine();
        Map<String, Object> context = TemplateEngineTest.CTX;
        String path = "{{ steps.my-step.output.id }}";
        String text = "Host {{ a.b.c }} has {{ arr | size }} items: {{ arr | join: ', ' | upcase }}";
        String typed = "${{ a.list }}";
        String loop = "{% for u in users %}{{ u.name }}{% unless forloop.last %},{% endunless %}{% endfor %}";
        for (int i = 0; i < 50_000; i++) {
            engine.render(path, context, LiquidLimits.DEFAULTS);
            engine.render(text, context, LiquidLimits.DEFAULTS);
            engine.renderValue(typed, context, LiquidLimits.DEFAULTS);
            engine.render(loop, context, LiquidLimits.DEFAULTS);
        }
        double pathUs = time(() -> engine.render(path, context, LiquidLimits.DEFAULTS));
        double textUs = time(() -> engine.render(text, context, LiquidLimits.DEFAULTS));
        double typedUs = time(() -> engine.renderValue(typed, context, LiquidLimits.DEFAULTS));
        double loopUs = time(() -> engine.render(loop, context, LiquidLimits.DEFAULTS));
        System.out.printf("render µs/op: path %.2f, text+filters %.2f, typed %.2f, for-loop %.2f%n",
                pathUs, textUs, typedUs, loopUs);
        assertThat(pathUs).isLessThan(50);
    }

    interface Op {
        Object run() throws TemplateException;
    }

    private static double time(Op op) throws TemplateException {
        int n = 200_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        return (System.nanoTime() - start) / 1_000.0 / n;
    }
}
