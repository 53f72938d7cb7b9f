package dev.vigil.template;

import static dev.vigil.template.TemplateEngineTest.ENGINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.Settings.LiquidLimits;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Expected outputs are LiquidJS's (checked against its filter sources), in Kibana's configuration. */
class FiltersTest {

    static final Map<String, Object> CTX = TemplateEngineTest.ctx("""
            {"words": "  The quick  brown fox  ", "csv": "a,b,,c,,", "n": 10, "f": 2.5, "neg": -3.7,
             "arr": [3, 1, 2, 1, null, 3], "strs": ["b", "A", "c"], "none": [], "obj": {"a": 1, "b": {"c": 2, "d": 3}},
             "users": [{"name": "ann", "age": 30, "team": "red", "admin": true},
                       {"name": "Bob", "age": 25, "team": "blue"},
                       {"name": "cy", "age": 35, "team": "red", "admin": false}],
             "jsonText": "{\\"x\\": [1, 2.5, \\"s\\"]}", "html": "<p>Hi &amp; <b>bye</b></p><script>x>1</script>"}
            """);

    static String r(String template) {
        try {
            return ENGINE.render(template, CTX, LiquidLimits.DEFAULTS);
        } catch (TemplateException e) {
            throw new AssertionError(template + " -> " + e.getMessage(), e);
        }
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            {{ 10 | plus: 2 }} => 12
            {{ '1' | plus: 2 }} => 3
            {{ '1.5' | plus: '2' }} => 3.5
            {{ 0.1 | plus: 0.2 }} => 0.30000000000000004
            {{ n | minus: 12 }} => -2
            {{ n | times: 1.5 }} => 15
            {{ 10 | divided_by: 4 }} => 2.5
            {{ 10 | divided_by: 4, true }} => 2
            {{ 10 | divided_by: 0 }} => Infinity
            {{ 10 | modulo: 3 }} => 1
            {{ -7 | modulo: 3 }} => -1
            {{ f | floor }}{{ f | ceil }}{{ neg | abs }} => 233.7
            {{ 2.5 | round }} {{ -2.5 | round }} {{ 3.14159 | round: 2 }} => 3 -2 3.14
            {{ 4 | at_least: 5 }} {{ 4 | at_most: 3 }} => 5 3
            {{ 'abc' | plus: 1 }} => NaN
            """)
    void math(String template, String expected) {
        assertThat(r(template)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            {{ 'a' | append: 'b' | prepend: 'c' }} => cab
            {{ nope | append: 1 }} => 1
            {{ 'hELLO wORLD' | capitalize }} => Hello world
            {{ 'Ab' | upcase }}{{ 'Ab' | downcase }} => ABab
            `[{{ words | strip }}]` => [The quick  brown fox]
            `[{{ words | lstrip }}]` => `[The quick  brown fox  ]`
            `[{{ words | rstrip }}]` => `[  The quick  brown fox]`
            {{ 'xxaxx' | strip: 'x' }} => a
            {{ csv | split: ',' | join: '-' }} => a-b--c
            {{ csv | split: ',' | size }} => 4
            {{ 'abc' | split: '' | join: ' ' }} => a b c
            {{ 'a.b.a' | replace: 'a', 'x' }} => x.b.x
            {{ 'a.b.a' | replace_first: 'a', 'x' }} => x.b.a
            {{ 'a.b.a' | replace_last: 'a', 'x' }} => a.b.x
            {{ 'a.b.a' | remove: 'a' }} => .b.
            {{ 'a.b.a' | remove_first: 'a' }} => .b.a
            {{ 'a.b.a' | remove_last: 'a' }} => a.b.
            {{ 'Ground control to Major Tom.' | truncate: 20 }} => Ground control to...
            {{ 'Ground control' | truncate: 20 }} => Ground control
            {{ 'Ground control to Major Tom.' | truncate: 10, '!' }} => Ground co!
            {{ 'one two three four' | truncatewords: 2 }} => one two...
            {{ 'one two' | truncatewords: 2 }} => one two...
            {{ words | normalize_whitespace }} => ` The quick brown fox `
            {{ words | number_of_words }} => 4
            {{ 'Hello, World! 2024' | slugify }} => hello-world-2024
            {{ 'a\\nb\\r\\nc' | strip_newlines }} => abc
            {{ 'abcdef' | slice: 1, 3 }}{{ 'abcdef' | slice: -2 }} => bcde
            {{ strs | slice: 1, 2 | join: ',' }} => A,c
            """)
    void strings(String template, String expected) {
        assertThat(r(template)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            {{ html | strip_html }} => Hi &amp; bye
            {{ '<a href="x">' | escape }} => &lt;a href=&#34;x&#34;&gt;
            {{ '&lt; <' | escape_once }} => &lt; &lt;
            {{ "it's" | xml_escape }} => it&#39;s
            {{ 'a b&c/d?é' | url_encode }} => a+b%26c%2Fd%3F%C3%A9
            {{ 'a+b%26c%C3%A9' | url_decode }} => a b&cé
            {{ "a b!'()*" | cgi_escape }} => a+b%21%27%28%29%2A
            {{ 'http://x.y/a b?q=[1]' | uri_escape }} => http://x.y/a%20b?q=[1]
            {{ 'héllo' | base64_encode }} => aMOpbGxv
            {{ 'aMOpbGxv' | base64_decode }} => héllo
            """)
    void htmlAndUri(String template, String expected) {
        assertThat(r(template)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            {{ strs | join }} => b A c
            {{ strs | join: ', ' }} => b, A, c
            {{ strs | first }}{{ strs | last }} => bc
            {{ 'abc' | first }}{{ 'abc' | last }} => ac
            {{ strs | reverse | join: '' }} => cAb
            {{ strs | size }} {{ 'abcd' | size }} {{ obj | size }} {{ nope | size }} => 3 4 0 0
            {{ strs | sort | join: '' }} => Abc
            {{ strs | sort_natural | join: '' }} => Abc
            {{ arr | sort | join: ',' }} => 1,1,2,3,3,
            {{ users | sort: 'age' | map: 'name' | join: ',' }} => Bob,ann,cy
            {{ users | sort_natural: 'name' | map: 'name' | join: ',' }} => ann,Bob,cy
            {{ users | map: 'name' | join: ',' }} => ann,Bob,cy
            {{ arr | compact | join: ',' }} => 3,1,2,1,3
            {{ arr | uniq | join: ',' }} => 3,1,2,
            {{ strs | concat: none | concat: arr | size }} => 9
            {{ strs | push: 'd' | join: '' }}{{ strs | size }} => bAcd3
            {{ strs | unshift: 'z' | join: '' }} => zbAc
            {{ strs | pop | join: '' }}{{ strs | shift | join: '' }} => bAAc
            {{ users | where: 'team', 'red' | map: 'name' | join: ',' }} => ann,cy
            {{ users | where: 'admin' | map: 'name' | join: ',' }} => ann
            {{ users | reject: 'team', 'red' | map: 'name' | join: ',' }} => Bob
            {{ users | where_exp: 'u', 'u.age > 26' | map: 'name' | join: ',' }} => ann,cy
            {{ users | reject_exp: 'u', 'u.age > 26' | map: 'name' | join: ',' }} => Bob
            {{ users | find: 'team', 'blue' | map: 'name' }} => Bob
            {{ users | find_exp: 'u', 'u.age > 31' | map: 'name' }} => cy
            {{ users | find_index: 'name', 'cy' }} => 2
            {{ users | has: 'name', 'Bob' }} {{ users | has: 'name', 'zed' }} => true false
            {{ users | group_by: 'team' | json }} => `[{"name":"red","items":[{"name":"ann","age":30,"team":"red","admin":true},{"name":"cy","age":35,"team":"red","admin":false}]},{"name":"blue","items":[{"name":"Bob","age":25,"team":"blue"}]}]`
            {{ users | map: 'age' | sum }} => 90
            """)
    void arrays(String template, String expected) {
        assertThat(r(template)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            {{ obj | json }} => {"a":1,"b":{"c":2,"d":3}}
            {{ 'a"b' | json }} => "a\\"b"
            {{ nope | json }} => ``
            {{ f | json }} {{ 3.0 | json }} => 2.5 3
            {{ none | jsonify }}{{ obj | inspect }} => []{"a":1,"b":{"c":2,"d":3}}
            {{ nope | default: 'd' }}|{{ false | default: 'd' }}|{{ '' | default: 'd' }}|{{ none | default: 'd' }} => d|d|d|d
            {{ 0 | default: 'd' }}|{{ 'x' | default: 'd' }}|{{ false | default: 'd', allow_false: true }} => 0|x|false
            {{ '42' | to_integer | plus: 1 }} => 43
            {{ jsonText | json_parse | json }} => {"x":[1,2.5,"s"]}
            {{ 'not json' | json_parse }} => not json
            {{ obj | json_parse | json }} => {"a":1,"b":{"c":2,"d":3}}
            {{ obj | entries | json }} => [{"key":"a","value":1},{"key":"b","value":{"c":2,"d":3}}]
            {{ strs | entries | join: '' }} => bAc
            {{ obj | pick: 'a', 'b.d', 'zz' | json }} => {"a":1,"b":{"d":3}}
            {{ obj | pick: strs | json }} => {"b":{"c":2,"d":3}}
            """)
    void misc(String template, String expected) {
        assertThat(r(template)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            {{ '2024-03-05T14:07:09.123Z' | date: '%Y-%m-%d %H:%M:%S.%L' }} => 2024-03-05 14:07:09.123
            {{ '2024-03-05T14:07:09Z' | date: '%a %A %b %B %e %-d %j %I %p %y %u %w' }} => Tue Tuesday Mar March  5 5 065 02 PM 24 2 2
            {{ '2024-03-05T14:07:09Z' | date: '%H:%M', 'Europe/Amsterdam' }}{{ '2024-03-05T14:07:09Z' | date: ' %H', 'europe/rome' }} => 15:07 15
            {{ '2024-03-05T14:07:09Z' | date: '%H:%M %z', 360 }} => 08:07 -0600
            {{ '2024-03-05' | date: '%d/%m/%Y' }} => 05/03/2024
            {{ 1709647629 | date: '%Y-%m-%dT%H:%M:%S' }} => 2024-03-05T14:07:09
            {{ '1709647629' | date: '%s' }} => 1709647629
            {{ 'Tue, 05 Mar 2024 14:07:09 GMT' | date: '%F' }} => %F
            {{ 'Tue, 05 Mar 2024 14:07:09 GMT' | date: '%Y' }} => 2024
            {{ 'not a date' | date: '%Y' }} => not a date
            {{ '2024-03-05T14:07:09Z' | date_to_xmlschema }} => 2024-03-05T14:07:09+00:00
            {{ '2024-03-05T14:07:09Z' | date_to_rfc822 }} => Tue, 05 Mar 2024 14:07:09 +0000
            {{ '2024-03-05T14:07:09Z' | date_to_string }} => 05 Mar 2024
            {{ '2024-03-05T14:07:09Z' | date_to_string: 'ordinal', 'US' }} => Mar 5th, 2024
            {{ '2024-03-05T14:07:09Z' | date_to_long_string }} => 05 March 2024
            {{ '2024-03-05T14:07:09Z' | date }} => Tuesday, March 5, 2024 at 2:07 pm UTC
            """)
    void dates(String template, String expected) {
        assertThat(r(template)).isEqualTo(expected);
    }

    @Test
    void nowAndTodayAreCurrentDates() {
        String year = String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC).getValue());
        assertThat(r("{{ 'now' | date: '%Y' }}|{{ 'today' | date: '%Y' }}")).isEqualTo(year + "|" + year);
    }

    @Test
    void everyLiquidJsFilterOfTheSpecExists() {
        List<String> spec = List.of("plus", "minus", "times", "divided_by", "modulo", "abs", "ceil", "floor", "round",
                "at_least", "at_most", "append", "prepend", "capitalize", "upcase", "downcase", "strip", "lstrip",
                "rstrip", "strip_newlines", "split", "replace", "replace_first", "replace_last", "remove",
                "remove_first", "remove_last", "truncate", "truncatewords", "normalize_whitespace", "number_of_words",
                "slice", "escape", "escape_once", "url_encode", "url_decode", "strip_html", "newline_to_br",
                "xml_escape", "cgi_escape", "uri_escape", "slugify", "base64_encode", "base64_decode", "join", "first",
                "last", "reverse", "size", "sort", "sort_natural", "uniq", "compact", "concat", "map", "where",
                "where_exp", "reject", "group_by", "find", "find_exp", "has", "push", "pop", "shift", "unshift", "date",
                "date_to_xmlschema", "date_to_rfc822", "date_to_string", "default", "json", "jsonify", "inspect",
                "to_integer", "json_parse", "entries", "pick");
        assertThat(new TreeSet<>(new Filters().names())).containsAll(spec);
        for (String name : spec) {
            assertThat(ENGINE.check("{{ x | " + name + " }}")).as(name).isEmpty();
        }
        assertThat(ENGINE.check("{{ x | to_json }}")).extracting(TemplateError::message)
                .containsExactly("undefined filter: to_json");
    }

    @Test
    void jsonIndentsLikeJsonStringify() {
        assertThat(r("{{ obj | json: 2 }}")).isEqualTo("{\n  \"a\": 1,\n  \"b\": {\n    \"c\": 2,\n    \"d\": 3\n  }\n}");
        assertThat(r("{{ none | json: 2 }}|{{ strs | json: 1 }}")).isEqualTo("[]|[\n \"b\",\n \"A\",\n \"c\"\n]");
        assertThat(r("{{ 'a\\u0001\\n/é' | json }}")).isEqualTo("\"a\\u0001\\n/é\"");
    }

    @Test
    void newlineToBr() {
        assertThat(r("{{ 'a\\nb\\r\\nc' | newline_to_br }}")).isEqualTo("a<br />\nb<br />\nc");
    }

    @Test
    void malformedUriFailsTheRender() {
        assertThatThrownBy(() -> ENGINE.render("{{ '%E0%A4%A' | url_decode }}", CTX, LiquidLimits.DEFAULTS))
                .isInstanceOf(TemplateException.class).hasMessage("URI malformed");
    }
}
