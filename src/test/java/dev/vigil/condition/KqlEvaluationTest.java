package dev.vigil.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KqlEvaluationTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:30:00.123Z");

    static final Object CONTEXT = Json.parse("""
            {
              "name": "John Doe",
              "status": "success",
              "empty": "",
              "count": 5,
              "ratio": 2.5,
              "big": 3.0e21,
              "flag": true,
              "off": false,
              "nothing": null,
              "obj": {"a": 1},
              "tags": ["prod", "eu-west", "critical"],
              "scores": [1, 7, 12],
              "nested": [[1, 2], [3, ["deep"]]],
              "values": [],
              "alerts": [
                {"kibana": {"alert": {"severity": "low"}}, "host": "web-1"},
                {"kibana": {"alert": {"severity": "critical"}}, "host": null}
              ],
              "x.y": "dotted key",
              "0": "zero key",
              "@timestamp": "2026-11-23T10:00:00.000Z",
              "steps": {"my-step": {"output": {"x": 42, "data": [], "values": [3, 4]}}},
              "text": "a*b (c) \\"q\\""
            }
            """);

    static boolean eval(String kql) {
        return eval(kql, CONTEXT);
    }

    static boolean eval(String kql, Object root) {
        try {
            return Kql.parse(kql).matches(root, NOW);
        } catch (KqlSyntaxException e) {
            throw new AssertionError(kql + ": " + e.getMessage(), e);
        }
    }

    @Nested
    class FieldValue {
        @ParameterizedTest
        @ValueSource(strings = {"status: success", "status:success", "status : success", "  status:success  ",
                "status: \"success\"", "status: 'success'", "name: John Doe", "name:   John Doe   ",
                "name: \"John Doe\"", "count: 5", "count: 5.0", "count: \"5\"", "count: 5abc", "ratio: 2.5",
                "flag: true", "flag: TRUE", "off: false", "empty: \"\"", "x.y: 1 or status: success"})
        void matches(String kql) {
            assertThat(eval(kql)).as(kql).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"status: Success", "status: succes", "status: \"success \"", "name: John",
                "count: 6", "count: five", "ratio: 2", "flag: false", "off: true", "nothing: null",
                "nothing: \"null\"", "obj: 1", "obj: \"{}\"", "missing: x", "missing.deeper: x", "status.length: x"})
        void doesNotMatch(String kql) {
            assertThat(eval(kql)).as(kql).isFalse();
        }

        @Test
        void booleanLiteralIsTrueOnlyWhenItReadsTrueSoAnyOtherWordMatchesFalse() {
            // §5: boolean → literal equals "true"; so 'yes' reads as false (Kibana's behaviour, kept on purpose).
            assertThat(eval("off: yes")).isTrue();
            assertThat(eval("flag: yes")).isFalse();
        }

        @Test
        void quotedValuesAreExactAndTheirStarIsLiteral() {
            Map<String, Object> ctx = Map.of("v", "a*b");
            assertThat(eval("v: \"a*b\"", ctx)).isTrue();
            assertThat(eval("v: \"a*\"", ctx)).isFalse();
            assertThat(eval("v: 'a*b'", ctx)).isTrue();
            assertThat(eval("v: a\\*b", ctx)).isTrue();
            assertThat(eval("v: a\\*", ctx)).isFalse();
        }

        @Test
        void quotedEscapes() {
            assertThat(eval("text: \"a*b (c) \\\"q\\\"\"")).isTrue();
            assertThat(eval("v: \"back\\\\slash\"", Map.of("v", "back\\slash"))).isTrue();
            assertThat(eval("v: \"tab\\there\"", Map.of("v", "tab\there"))).isTrue();
            assertThat(eval("v: \"line\\nbreak\"", Map.of("v", "line\nbreak"))).isTrue();
        }

        @Test
        void unquotedEscapesSpecialCharacters() {
            assertThat(eval("v: a\\:b\\(c\\)", Map.of("v", "a:b(c)"))).isTrue();
            assertThat(eval("v: rock \\and roll", Map.of("v", "rock and roll"))).isTrue();
        }

        @Test
        void singleQuotedValuesAreStrippedAndExact() {
            assertThat(eval("status : 'success'")).isTrue();
            assertThat(eval("name: 'John Doe'")).isTrue();
            assertThat(eval("v: 'a or b'", Map.of("v", "a or b"))).isTrue();
            assertThat(eval("v: 'it\\'s'", Map.of("v", "it's"))).isTrue();
            assertThat(eval("v: 'x' or status: nope")).isFalse();
            assertThat(eval("status: 'success' and count: 5")).isTrue();
        }

        @Test
        void aSingleQuoteThatDoesNotCloseTheValueIsOrdinaryText() {
            assertThat(eval("v: O'Brien", Map.of("v", "O'Brien"))).isTrue();
            assertThat(eval("v: 'abc'def", Map.of("v", "'abc'def"))).isTrue();
            assertThat(eval("v: 'open", Map.of("v", "'open"))).isTrue();
            assertThat(eval("v: 'quoted' text", Map.of("v", "'quoted' text"))).isTrue();
        }

        @Test
        void nullIsNeverEqualToAnything() {
            assertThat(eval("nothing: null")).isFalse();
            assertThat(eval("not nothing:*")).isTrue();
        }
    }

    @Nested
    class Wildcards {
        @ParameterizedTest
        @ValueSource(strings = {"name: J*n Doe", "name: J*", "name: *Doe", "name: *oh*", "name: John*Doe",
                "name: J*h*n*D*e", "count: 5*", "count: *", "big: 3e+*", "ratio: 2.*", "flag: t*", "tags: pr*",
                "tags: *west", "empty: *", "name: John Doe*"})
        void matches(String kql) {
            assertThat(eval(kql)).as(kql).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"name: j*", "name: *doe", "name: John*x", "name: Jo*x*Doe", "count: 6*",
                "flag: f*", "obj: *a*", "nothing: *x*", "missing: *", "nothing: *", "name: J*n Do"})
        void doesNotMatch(String kql) {
            assertThat(eval(kql)).as(kql).isFalse();
        }

        @Test
        void overlappingPartsAreNotCountedTwice() {
            assertThat(eval("v: ab*ba", Map.of("v", "aba"))).isFalse();
            assertThat(eval("v: ab*ba", Map.of("v", "abba"))).isTrue();
            assertThat(eval("v: a*a*a", Map.of("v", "aa"))).isFalse();
            assertThat(eval("v: a*a*a", Map.of("v", "aaa"))).isTrue();
        }

        @Test
        void doubleNumbersUseTheirJavaScriptText() {
            assertThat(eval("v: 3", Map.of("v", 3.0))).isTrue();
            assertThat(eval("v: 3*", Map.of("v", 3.0))).isTrue();
            assertThat(eval("v: *.0", Map.of("v", 3.0))).isFalse();
        }
    }

    @Nested
    class Exists {
        @ParameterizedTest
        @ValueSource(strings = {"status:*", "status : *", "obj:*", "obj.a:*", "values:*", "empty:*", "off:*",
                "alerts.host:*", "tags:*", "steps.my-step.output.data:*"})
        void present(String kql) {
            assertThat(eval(kql)).as(kql).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"nothing:*", "missing:*", "obj.b:*", "status.x:*", "alerts.nope:*",
                "values.x:*"})
        void absent(String kql) {
            assertThat(eval(kql)).as(kql).isFalse();
        }

        @Test
        void collectedValuesThatAreAllNullDoNotExist() {
            Object ctx = Json.parse("{\"a\": [{\"b\": null}, {\"b\": null}]}");
            assertThat(eval("a.b:*", ctx)).isFalse();
        }
    }

    @Nested
    class Ranges {
        @ParameterizedTest
        @ValueSource(strings = {"count > 4", "count >= 5", "count < 6", "count <= 5", "count>4", "count > 4.9",
                "count > \"4\"", "ratio > 2", "ratio < 10", "name > J", "name < K", "name >= \"John Doe\"",
                "status > 10", "flag > false", "flag >= true", "scores > 10", "scores < 2",
                "@timestamp > now-1h", "@timestamp < now", "@timestamp >= 2026-11-23", "@timestamp > now/d",
                "@timestamp < 2026-11-22||+2d", "steps.my-step.output.values.length > 1"})
        void inRange(String kql) {
            assertThat(eval(kql)).as(kql).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"count > 5", "count < 5", "count > abc", "count < abc", "ratio > 2.5",
                "name > Z", "flag > true", "nothing > 0", "nothing < 0", "obj > 0", "missing > 0",
                "scores > 12", "@timestamp > now-10m", "@timestamp > now", "values > 0", "values < 0"})
        void outOfRange(String kql) {
            assertThat(eval(kql)).as(kql).isFalse();
        }

        @Test
        void stringsCompareLexicographicallyLikeJavaScript() {
            Map<String, Object> ctx = Map.of("v", "10");
            assertThat(eval("v < 9", ctx)).isTrue(); // "10" < "9" as text
            assertThat(eval("v > 9", Map.of("v", 10L))).isTrue();
        }

        @Test
        void starInARangeValueIsPlainText() {
            assertThat(eval("v >= a*", Map.of("v", "a*"))).isTrue();
            assertThat(eval("v <= a*", Map.of("v", "a*"))).isTrue();
        }
    }

    @Nested
    class Paths {
        @ParameterizedTest
        @ValueSource(strings = {"obj.a: 1", "['x.y']: \"dotted key\"", "[\"x.y\"]: \"dotted key\"",
                "tags[0]: prod", "tags.0: prod", "tags[2]: critical", "tags.length: 3", "status.length: 7",
                "alerts[1].kibana.alert.severity: critical", "alerts.1.kibana.alert.severity: critical",
                "alerts[0]['kibana'].alert[\"severity\"]: low", "steps.my-step.output.x: 42",
                "steps.my-step.output.data.length: 0", "steps.my-step.output.values.length > 0", "0: \"zero key\"",
                "@timestamp: \"2026-11-23T10:00:00.000Z\"", "nested: deep", "nested: 3", "nested.length: 2",
                "\"obj.a\": 1"})
        void resolve(String kql) {
            assertThat(eval(kql)).as(kql).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"tags[3]: prod", "tags[-1]: critical", "tags.01: eu-west", "obj[0]: 1",
                "alerts[2].host:*", "count.length: 1", "flag.length:*", "obj.length:*"})
        void missing(String kql) {
            assertThat(eval(kql)).as(kql).isFalse();
        }

        @Test
        void aPathThroughAListOfObjectsMatchesWhenAnyElementMatches() {
            assertThat(eval("alerts.kibana.alert.severity: critical")).isTrue();
            assertThat(eval("alerts.kibana.alert.severity: low")).isTrue();
            assertThat(eval("alerts.kibana.alert.severity: high")).isFalse();
            assertThat(eval("alerts.host: web-1")).isTrue();
            assertThat(eval("not alerts.host: web-2")).isTrue();
        }

        @Test
        void collectsThroughListsOfLists() {
            Object ctx = Json.parse("{\"a\": [[{\"b\": 1}], [{\"b\": [2, 3]}]]}");
            assertThat(eval("a.b: 1", ctx)).isTrue();
            assertThat(eval("a.b: 3", ctx)).isTrue();
            assertThat(eval("a.b > 2", ctx)).isTrue();
            assertThat(eval("a.b: 4", ctx)).isFalse();
        }

        @Test
        void mapKeysThatLookLikeIndexesAreKeys() {
            Object ctx = Json.parse("{\"m\": {\"0\": \"first\", \"length\": \"own\"}}");
            assertThat(eval("m[0]: first", ctx)).isTrue();
            assertThat(eval("m.length: own", ctx)).isTrue();
        }

        @Test
        void rootCanBeAnyShape() {
            assertThat(eval("a: 1", null)).isFalse();
            assertThat(eval("a: 1", "text")).isFalse();
            assertThat(eval("length: 4", "text")).isTrue();
            assertThat(eval("0: x", List.of("x"))).isTrue();
            assertThat(eval("a:*", 42L)).isFalse();
        }
    }

    @Nested
    class BooleanLogic {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "status: success and count: 5 | true",
            "status: success and count: 6 | false",
            "status: nope or count: 5 | true",
            "status: nope or count: 6 | false",
            "not status: nope | true",
            "NOT status: success | false",
            "status: success AND NOT count: 6 | true",
            "status: nope or count: 5 and flag: false | false",
            "(status: nope or count: 5) and flag: true | true",
            "status: success or count: 6 and flag: false | true",
            "not (status: nope or count: 6) | true",
            "not not status: success | true",
            "status: success And count: 5 Or flag: false | true",
            "not(status: nope) | true",
            "((((status: success)))) | true",
            "count: (4 or 5) | true",
            "count: (4 or 6) | false",
            "tags: (prod and critical) | true",
            "tags: (prod and nope) | false",
            "count: (not 6) | true",
            "count: (not 5) | false",
            "status: (nope or (success and not failure)) | true",
            "status: ('success' or \"nope\") | true",
            "status:(*cess or x) | true",
            "status: (x or *) | true",
        })
        void combines(String kql, boolean expected) {
            assertThat(eval(kql)).as(kql).isEqualTo(expected);
        }

        @Test
        void keywordsAreCaseInsensitiveButOnlyWholeWords() {
            assertThat(eval("v: orange", Map.of("v", "orange"))).isTrue();
            assertThat(eval("v: android and w: notary", Map.of("v", "android", "w", "notary"))).isTrue();
            assertThat(eval("or: 1 and and: 2 and not: 3", Map.of("or", 1L, "and", 2L, "not", 3L))).isTrue();
        }
    }

    @Nested
    class Unsupported {
        @ParameterizedTest
        @ValueSource(strings = {"foo", "success", "\"success\"", "John Doe", "*", "true", "false",
                "obj:{ a: 1 }", "alerts:{ host: web-1 }"})
        void isFalseNotAnError(String kql) {
            assertThat(eval(kql)).as(kql).isFalse();
        }

        @Test
        void canBeNegated() {
            assertThat(eval("not foo")).isTrue();
            assertThat(eval("not obj:{ a: 1 }")).isTrue();
        }
    }

    @Nested
    class DateMathLiterals {
        @Test
        void nowResolvesToTheInjectedInstantInJavaScriptIsoForm() {
            assertThat(eval("t: now", Map.of("t", "2026-11-23T10:30:00.123Z"))).isTrue();
            assertThat(eval("t: now-1h", Map.of("t", "2026-11-23T09:30:00.123Z"))).isTrue();
            assertThat(eval("t: now+15m", Map.of("t", "2026-11-23T10:45:00.123Z"))).isTrue();
            assertThat(eval("t: now-7d/d", Map.of("t", "2026-11-16T00:00:00.000Z"))).isTrue();
            assertThat(eval("t: \"2024-01-01||+1d\"", Map.of("t", "2024-01-02T00:00:00.000Z"))).isTrue();
        }

        @Test
        void textThatOnlyLooksLikeDateMathIsComparedAsText() {
            assertThat(eval("v: nowhere", Map.of("v", "nowhere"))).isTrue();
            assertThat(eval("v: a||b", Map.of("v", "a||b"))).isTrue();
        }

        @Test
        void dateMathDoesNotApplyToNumbers() {
            assertThat(eval("v: now", Map.of("v", 1L))).isFalse();
        }

        @Test
        void javaDatesInTheContextCompareAsIsoText() {
            assertThat(eval("t > now-1h", Map.of("t", NOW.minusSeconds(60)))).isTrue();
            assertThat(eval("t < now-1h", Map.of("t", NOW.minusSeconds(60)))).isFalse();
            assertThat(eval("t: now", Map.of("t", NOW.atOffset(java.time.ZoneOffset.ofHours(2))))).isTrue();
        }
    }

    @Nested
    class Robustness {
        @Test
        void cyclicAndDeeplyNestedListsDoNotOverflow() {
            List<Object> cycle = new ArrayList<>();
            cycle.add(cycle);
            cycle.add(Map.of("b", 1L));
            assertThat(eval("a: 1", Map.of("a", cycle))).isFalse();
            assertThat(eval("a.b: 1", Map.of("a", cycle))).isTrue();
            assertThat(eval("a > 0", Map.of("a", cycle))).isFalse();
            assertThat(eval("a.c:*", Map.of("a", cycle))).isFalse();

            Object deep = "x";
            for (int i = 0; i < 10_000; i++) {
                deep = List.of(deep);
            }
            assertThat(eval("a: x", Map.of("a", deep))).isFalse();
            assertThat(eval("a.b: x", Map.of("a", deep))).isFalse();
        }

        @Test
        void oddMapsAndValuesAreMissingRatherThanErrors() {
            Map<Object, Object> integerKeys = new TreeMap<>();
            integerKeys.put(1, "one");
            assertThat(eval("m.a: one", Map.of("m", integerKeys))).isFalse();
            Map<String, Object> withNullKey = new HashMap<>();
            withNullKey.put(null, "x");
            assertThat(eval("m.a:*", Map.of("m", withNullKey))).isFalse();
            assertThat(eval("m: x", Map.of("m", new Object()))).isFalse();
            assertThat(eval("m > 1", Map.of("m", new Object()))).isFalse();
            assertThat(eval("m: 1", Map.of("m", Integer.valueOf(1)))).isTrue();
            assertThat(eval("m: 1.5", Map.of("m", new java.math.BigDecimal("1.5")))).isTrue();
        }

        @Test
        void evaluatesAgainstTheDataFilterItemMap() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("item", Map.of("name", "db-prod-1", "cpu", 93L));
            root.put("index", 4L);
            assertThat(eval("item.name: *prod* and item.cpu > 90 and index < 5", root)).isTrue();
        }
    }
}
