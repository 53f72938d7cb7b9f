package dev.vigil.template;

import static dev.vigil.template.TemplateEngineTest.ENGINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.Settings.LiquidLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile templates fail fast with a clear message instead of running for ever or exhausting memory. */
class LimitsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{% for i in (1..1000000000) %}x{% endfor %}",
        "{% for i in (1..100000) %}{% for j in (1..100000) %}{% endfor %}{% endfor %}",
        "{% assign s = 'ab' %}{% for i in (1..100) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}",
        "{% for i in (1..1000000) %}0123456789012345678901234567890123456789{% endfor %}",
        "{% assign a = '' | split: ',' %}{% for i in (1..100000) %}{% assign a = a | push: i %}{% endfor %}",
        "{{ (1..1000000000) | join: ',' }}",
        "{% for i in (1..5000) %}{% capture c %}{% for j in (1..5000) %}{{ j }}{% endfor %}{% endcapture %}{% endfor %}",
    })
    @Timeout(10)
    void hostileTemplatesFailFast(String template) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> ENGINE.render(template, Map.of(), LiquidLimits.DEFAULTS))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template exceeded the render limit: ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void hostileTypedExpressionsFailToo() {
        assertThatThrownBy(() -> ENGINE.evaluate("(1..1000000000)", Map.of(), LiquidLimits.DEFAULTS))
                .hasMessageStartingWith("template exceeded the render limit: memory limit of 15000000 units");
    }

    @Test
    void renderTimeIsBoundedByTheRenderLimit() {
        LiquidLimits fast = new LiquidLimits(150_000, 50, 60_000_000L);
        String slow = "{% for i in (1..2000) %}{% assign u = (1..2000) | where_exp: 'x', 'x > 0' %}{% endfor %}";
        assertThatThrownBy(() -> ENGINE.render(slow, Map.of(), fast))
                .hasMessageStartingWith("template exceeded the render limit: ");
    }

    @Test
    void parseLimitIsTheTemplateLength() throws TemplateException {
        LiquidLimits small = new LiquidLimits(20, 1_000, 15_000_000L);
        assertThat(ENGINE.render("{{ 'short' }}", Map.of(), small)).isEqualTo("short");
        assertThatThrownBy(() -> ENGINE.render("{{ 'this is much too long' }}", Map.of(), small))
                .hasMessage("parse length limit exceeded: the template has 29 characters, the limit is 20");
        assertThat(ENGINE.check("{{ 'this is much too long' }}", small)).hasSize(1);
    }

    @Test
    void ordinaryLoopsStayWellInsideTheLimits() throws TemplateException {
        String out = ENGINE.render("{% for i in (1..1000) %}{% for j in (1..100) %}{% endfor %}{% endfor %}done",
                Map.of(), LiquidLimits.DEFAULTS);
        assertThat(out).isEqualTo("done");
    }
}
