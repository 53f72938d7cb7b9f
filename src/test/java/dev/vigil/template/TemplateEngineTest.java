package dev.vigil.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.Json;
import dev.vigil.model.Settings.LiquidLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateEngineTest {

    static final TemplateEngine ENGINE = new TemplateEngine();

    @SuppressWarnings("unchecked")
    static Map<String, Object> ctx(String json) {
        return (Map<String, Object>) Json.parse(json);
    }

    static final Map<String, Object> CTX = ctx("""
            {"a": {"b": {"c": "deep"}, "k.x": 5, "n": null, "list": [1, "two", [3, 4]], "empty": [], "obj": {}},
             "steps": {"my-step": {"output": {"id": "S1"}}},
             "s": "hello", "i": 3, "d": 2.5, "t": true, "f": false, "nil": null, "zero": 0, "blank": "",
             "idx": 1, "key": "k.x", "arr": ["x", "y", "z"],
             "users": [{"name": "ann", "age": 30, "admin": true}, {"name": "bob", "age": 25}]}
            """);

    static String r(String template) {
        return r(template, CTX);
    }

    static String r(String template, Map<String, Object> context) {
        try {
            return ENGINE.render(template, context, LiquidLimits.DEFAULTS);
        } catch (TemplateException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static Object eval(String expression) throws TemplateException {
        return ENGINE.evaluate(expression, CTX, LiquidLimits.DEFAULTS);
    }

    @Test
    void plainStringsBypassTheEngine() {
        assertThat(r("no templates here {not one}")).isEqualTo("no templates here {not one}");
        assertThat(TemplateEngine.containsTemplate("a {{ b }}")).isTrue();
        assertThat(TemplateEngine.containsTemplate("a {% b %}")).isTrue();
        assertThat(TemplateEngine.containsTemplate("a { b } %}")).isFalse();
    }

    @Test
    void pathsBracketsAndHyphens() {
        assertThat(r("{{ a.b.c }}|{{ a['k.x'] }}|{{ a[key] }}|{{ arr[0] }}|{{ arr[idx] }}|{{ arr[-1] }}"))
                .isEqualTo("deep|5|5|x|y|z");
        assertThat(r("{{ steps.my-step.output.id }}")).isEqualTo("S1");
        assertThat(r("{{ a[\"b\"].c }}")).isEqualTo("deep");
        assertThat(r("{{ arr.size }} {{ arr.first }} {{ arr.last }} {{ arr.length }} {{ s.size }} {{ a.size }}"))
                .isEqualTo("3 x z 3 5 6");
    }

    @Test
    void quotedDelimitersInsideOutputs() {
        assertThat(r("{{ '}}' }}|{{ \"a}}b\" | append: '%}' }}")).isEqualTo("}}|a}}b%}");
        assertThat(r("{{ 'it\\'s' }}")).isEqualTo("it's");
    }

    @Test
    void missingVariablesRenderEmpty() {
        assertThat(r("[{{ nope }}][{{ nope.deeper.still }}][{{ a.n.x }}][{{ nil }}]")).isEqualTo("[][][][]");
    }

    @Test
    void stringificationFollowsJavaScript() {
        assertThat(r("{{ a.list }}")).isEqualTo("1,two,3,4");
        assertThat(r("{{ a.b }}")).isEqualTo("[object Object]");
        assertThat(r("{{ i }} {{ d }} {{ t }} {{ f }} {{ 3.0 }} [{{ 1e3 }}]")).isEqualTo("3 2.5 true false 3 []");
        assertThat(r("{{ x }}", Map.of("x", 0.1 + 0.2))).isEqualTo("0.30000000000000004");
        assertThat(r("{{ x }}", Map.of("x", 1e21))).isEqualTo("1e+21");
        assertThat(r("{{ x }}", Map.of("x", 1.5e-7))).isEqualTo("1.5e-7");
        assertThat(r("{{ x }}", Map.of("x", 123456789012L))).isEqualTo("123456789012");
        assertThat(r("{{ x }}", Map.of("x", Arrays.asList(1, null, "b")))).isEqualTo("1,,b");
    }

    @Test
    void truthinessOnlyFalseAndNilAreFalsy() {
        assertThat(r("{% if blank %}T{% endif %}{% if zero %}T{% endif %}{% if a.empty %}T{% endif %}"))
                .isEqualTo("TTT");
        assertThat(r("{% if f %}T{% else %}F{% endif %}{% if nil %}T{% else %}F{% endif %}"
                + "{% if nope %}T{% else %}F{% endif %}")).isEqualTo("FFF");
    }

    @Test
    void comparisonsAndOperators() {
        assertThat(r("{% if i == 3 and s == 'hello' %}y{% endif %}")).isEqualTo("y");
        assertThat(r("{% if i > 2 %}a{% endif %}{% if i >= 3 %}b{% endif %}{% if i < 3 %}c{% endif %}"
                + "{% if d <= 2.5 %}d{% endif %}{% if s != 'x' %}e{% endif %}")).isEqualTo("abde");
        assertThat(r("{% if s contains 'ell' %}a{% endif %}{% if arr contains 'y' %}b{% endif %}"
                + "{% if arr contains 'q' %}c{% endif %}")).isEqualTo("ab");
        assertThat(r("{% if nope == nil %}a{% endif %}{% if a.n == null %}b{% endif %}"
                + "{% if blank == empty %}c{% endif %}{% if a.empty == empty %}d{% endif %}"
                + "{% if '  ' == blank %}e{% endif %}{% if 1 == '1' %}f{% endif %}")).isEqualTo("abcde");
    }

    @Test
    void andOrEvaluateRightToLeft() {
        // Liquid: true or (false and false) == true ... right to left: false and (false or true) = false
        assertThat(r("{% if false and false or true %}T{% else %}F{% endif %}")).isEqualTo("F");
        assertThat(r("{% if true or false and false %}T{% else %}F{% endif %}")).isEqualTo("T");
    }

    @Test
    void notAndTrailingWordsLikeLiquidJs() {
        assertThat(r("{% if t or not f %}T{% endif %}{% if not t %}X{% endif %}{% if not nope %}N{% endif %}"))
                .isEqualTo("TN");
        // LiquidJS reads "s ends with 'o'" as operands and yields the first one
        assertThat(r("{% if s ends with '\\\\' %}T{% endif %}{% if nope ends with 'o' %}X{% endif %}"))
                .isEqualTo("T");
    }

    @Test
    void whitespaceControl() {
        assertThat(r("a  {%- if t -%}  b  {%- endif -%}  c")).isEqualTo("abc");
        assertThat(r("a \n {{- s -}} \n b")).isEqualTo("ahellob");
        assertThat(r("x\n{% if t -%}\n  y\n{%- endif %}\nz")).isEqualTo("x\ny\nz");
    }

    @Test
    void forLoopsWithForloopAndModifiers() {
        assertThat(r("{% for x in arr %}{{ forloop.index }}{{ x }}{% unless forloop.last %},{% endunless %}{% endfor %}"))
                .isEqualTo("1x,2y,3z");
        assertThat(r("{% for x in arr %}{{ forloop.index0 }}{{ forloop.rindex }}{{ forloop.first }}{% endfor %}"))
                .isEqualTo("03true12false21false");
        assertThat(r("{% for i in (1..5) limit: 2 offset: 1 %}{{ i }}{% endfor %}")).isEqualTo("23");
        assertThat(r("{% for i in (1..3) reversed %}{{ i }}{% endfor %}")).isEqualTo("321");
        assertThat(r("{% for x in nope %}x{% else %}none{% endfor %}")).isEqualTo("none");
        assertThat(r("{% for i in (1..6) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 4 %}{% break %}"
                + "{% endif %}{{ i }}{% endfor %}")).isEqualTo("13");
        assertThat(r("{% for p in a.b %}{{ p[0] }}={{ p[1] }}{% endfor %}")).isEqualTo("c=deep");
        assertThat(r("{% for c in s %}[{{ c }}]{% endfor %}")).isEqualTo("[hello]");
    }

    @Test
    void assignCaptureCaseCycleCounters() {
        assertThat(r("{% assign x = s | upcase %}{{ x }}")).isEqualTo("HELLO");
        assertThat(r("{% for i in (1..3) %}{% assign last = i %}{% endfor %}{{ last }}")).isEqualTo("3");
        assertThat(r("{% capture c %}[{{ s }}]{% endcapture %}{{ c }}{{ c.size }}")).isEqualTo("[hello]7");
        assertThat(r("{% case i %}{% when 1, 2 %}low{% when 3 or 4 %}mid{% else %}high{% endcase %}"))
                .isEqualTo("mid");
        assertThat(r("{% case s %}{% when 'x' %}x{% else %}other{% endcase %}")).isEqualTo("other");
        assertThat(r("{% for i in (1..4) %}{% cycle 'a', 'b', 'c' %}{% endfor %}")).isEqualTo("abca");
        assertThat(r("{% increment n %}{% increment n %}{% decrement m %}{{ n }}")).isEqualTo("01-12");
    }

    @Test
    void rawCommentsEchoAndLiquidTags() {
        assertThat(r("{% raw %}{{ not rendered }}{% endraw %}")).isEqualTo("{{ not rendered }}");
        assertThat(r("a{% comment %}{{ s }}{% if %}{% endcomment %}b{% # inline note %}c")).isEqualTo("abc");
        assertThat(r("{% echo s | upcase %}")).isEqualTo("HELLO");
        assertThat(r("{% liquid\n assign x = i | plus: 1\n if x > 3\n echo 'big'\n endif\n echo x %}"))
                .isEqualTo("big4");
    }

    @Test
    void javaObjectsExposeNoMethodsOrGetters() {
        record Secret(String password) {
        }
        Map<String, Object> context = Map.of("o", new Secret("p"), "s", "str", "c", new StringBuilder("sb"));
        assertThat(r("[{{ o.password }}][{{ s.class }}][{{ s.getBytes }}][{{ c.length }}]"
                + "[{{ s.toUpperCase }}]", context)).isEqualTo("[][][][][]");
    }

    @Test
    void syntaxErrorsWithMessagesAndPositions() {
        assertThat(ENGINE.check("ok {{ x | nosuch }}"))
                .containsExactly(new TemplateError(1, 11, "undefined filter: nosuch"));
        assertThat(ENGINE.check("a\n{% include 'x' %}"))
                .containsExactly(new TemplateError(2, 1,
                        "Template contains unsupported tags. Tag \"include\" is not allowed"));
        assertThat(ENGINE.check("{% render 'x' %}").getFirst().message()).startsWith("Template contains unsupported tags.");
        assertThat(ENGINE.check("{% tablerow x in y %}{% endtablerow %}").getFirst().message())
                .contains("\"tablerow\"");
        assertThat(ENGINE.check("{{ x")).containsExactly(new TemplateError(1, 1, "output \"{{ x\" not closed"));
        assertThat(ENGINE.check("{% if x")).containsExactly(new TemplateError(1, 1, "tag \"{% if x\" not closed"));
        assertThat(ENGINE.check("{% if x %}yes")).containsExactly(new TemplateError(1, 1, "tag {% if x %} not closed"));
        assertThat(ENGINE.check("{% for x in y %}")).extracting(TemplateError::message)
                .containsExactly("tag {% for x in y %} not closed");
        assertThat(ENGINE.check("{{ }}")).extracting(TemplateError::message)
                .containsExactly("invalid value expression: \"\"");
        assertThat(ENGINE.check("{% if %}{% endif %}")).extracting(TemplateError::message)
                .containsExactly("invalid value expression: \"\"");
        assertThat(ENGINE.check("{% foo %}")).extracting(TemplateError::message).containsExactly("tag \"foo\" not found");
        assertThat(ENGINE.check("{% endif %}")).extracting(TemplateError::message).containsExactly("tag \"endif\" not found");
        assertThat(ENGINE.check("{{ a b | }}")).extracting(TemplateError::message).isEmpty();
        assertThat(ENGINE.check("{{ a | upcase x }}")).extracting(TemplateError::message)
                .containsExactly("expected \":\" after filter name");
        assertThat(ENGINE.check("{% assign x %}")).extracting(TemplateError::message)
                .containsExactly("illegal token {% assign x %}");
        assertThat(ENGINE.check("x".repeat(150_001))).extracting(TemplateError::message)
                .containsExactly("parse length limit exceeded: the template has 150001 characters, the limit is 150000");
        assertThat(ENGINE.check("{{ a | json }} {% if a %}{% endif %}")).isEmpty();
    }

    @Test
    void renderErrorsDropTheLiquidJsSuffixAndSayWhere() {
        assertThatThrownBy(() -> ENGINE.render("line1\n  {{ x | nosuch }}", CTX, LiquidLimits.DEFAULTS))
                .isInstanceOf(TemplateException.class)
                .hasMessage("undefined filter: nosuch (at line 2, column 10)");
    }

    @Test
    void typedExpressionsKeepTheirType() throws TemplateException {
        assertThat(eval(" a.list ")).isEqualTo(List.of(1L, "two", List.of(3L, 4L)));
        assertThat(eval("a.b")).isEqualTo(Map.of("c", "deep"));
        assertThat(eval("i")).isEqualTo(3L);
        assertThat(eval("d")).isEqualTo(2.5);
        assertThat(eval("i | plus: 0.5 | times: 2")).isEqualTo(7L);
        assertThat(eval("s == 'hello' and t")).isEqualTo(true);
        assertThat(eval("i > 5 or f")).isEqualTo(false);
        assertThat(eval("nope")).isSameAs(Undefined.INSTANCE);
        assertThat(eval("a.n")).isNull();
        assertThat(eval("nil")).isNull();
        assertThat(eval("users | map: 'name'")).isEqualTo(List.of("ann", "bob"));
        assertThat(eval("'[1,2]' | json_parse")).isEqualTo(List.of(1L, 2L));
        assertThatThrownBy(() -> eval("x | nosuch")).hasMessage(
                "The provided expression is invalid. Got: {{x | nosuch}}. Cause: undefined filter: nosuch");
    }

    @Test
    void renderValueAppliesTheRecursiveRules() throws TemplateException {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("{{ s }}", "{{ s }}");
        raw.put("typed", "${{ a.list }}");
        raw.put("missing", "${{ nope }}");
        raw.put("missingText", "{{ nope }}");
        raw.put("n", 5L);
        raw.put("b", true);
        raw.put("nul", null);
        raw.put("list", new ArrayList<>(List.of("${{ nope }}", "${{ i }}", "{{ i }}")));
        raw.put("nested", Map.of("x", "${{ a.b }}"));
        raw.put("notTyped", "${{ i }}\n");
        raw.put("mixed", "id-${{ i }}");
        Object out = ENGINE.renderValue(raw, CTX, LiquidLimits.DEFAULTS);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("{{ s }}", "hello");
        expected.put("typed", List.of(1L, "two", List.of(3L, 4L)));
        expected.put("missingText", "");
        expected.put("n", 5L);
        expected.put("b", true);
        expected.put("nul", null);
        expected.put("list", Arrays.asList(null, 3L, "3"));
        expected.put("nested", Map.of("x", Map.of("c", "deep")));
        expected.put("notTyped", "$3\n");
        expected.put("mixed", "id-$3");
        assertThat(out).isEqualTo(expected);
        assertThat(ENGINE.renderValue("${{ nope }}", CTX, LiquidLimits.DEFAULTS)).isSameAs(Undefined.INSTANCE);
        assertThat(TemplateEngine.isTypedExpression(" ${{ x }}")).isFalse();
        assertThatThrownBy(() -> ENGINE.renderValue("${{ x | nosuch }}", CTX, LiquidLimits.DEFAULTS))
                .hasMessageStartingWith("The provided expression is invalid. Got: ${{ x | nosuch }}.");
    }

    @Test
    void timestampsRenderAsIsoAndWorkWithDate() {
        Object now = TemplateEngine.timestamp(Instant.parse("2026-11-23T10:15:30.123Z"));
        Object whole = TemplateEngine.timestamp(Instant.parse("2026-11-23T10:15:30Z"));
        Map<String, Object> context = Map.of("now", now, "whole", whole,
                "later", TemplateEngine.timestamp(Instant.parse("2026-11-23T10:15:31Z")));
        assertThat(r("{{ now }}|{{ whole }}", context)).isEqualTo("2026-11-23T10:15:30.123Z|2026-11-23T10:15:30.000Z");
        assertThat(r("{{ now | date: '%Y-%m-%d %H:%M:%S.%L' }}", context)).isEqualTo("2026-11-23 10:15:30.123");
        assertThat(r("{% if later > now %}later{% endif %}", context)).isEqualTo("later");
        assertThat(r("{{ now | json }}", context)).isEqualTo("\"2026-11-23T10:15:30.123Z\"");
    }
}
