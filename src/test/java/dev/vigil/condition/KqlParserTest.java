package dev.vigil.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.condition.KqlQuery.And;
import dev.vigil.condition.KqlQuery.Exists;
import dev.vigil.condition.KqlQuery.FreeText;
import dev.vigil.condition.KqlQuery.Match;
import dev.vigil.condition.KqlQuery.Nested;
import dev.vigil.condition.KqlQuery.Not;
import dev.vigil.condition.KqlQuery.Or;
import dev.vigil.condition.KqlQuery.Range;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KqlParserTest {

    static KqlQuery parse(String text) {
        try {
            return Kql.parse(text);
        } catch (KqlSyntaxException e) {
            throw new AssertionError(text + ": " + e.getMessage(), e);
        }
    }

    static Path path(String... keys) {
        return Path.of(List.of(keys));
    }

    @Test
    void buildsTheTreeWithAndBindingTighterThanOr() {
        KqlQuery q = parse("a:1 or b:2 and not c:*");
        assertThat(q).isEqualTo(new Or(List.of(
                new Match(path("a"), Literal.exact("1")),
                new And(List.of(new Match(path("b"), Literal.exact("2")), new Not(new Exists(path("c"))))))));
    }

    @Test
    void chainsAreFlatSoLongConditionsStayShallow() {
        String text = "a:1" + " and a:1".repeat(50_000);
        assertThat(parse(text)).isInstanceOfSatisfying(And.class, and -> assertThat(and.terms()).hasSize(50_001));
        assertThat(parse(text.replace(" and ", " or "))).isInstanceOf(Or.class);
    }

    @Test
    void parenthesesGroupWithoutANodeOfTheirOwn() {
        assertThat(parse("((a:1))")).isEqualTo(parse("a:1"));
        assertThat(parse("(a:1 or b:1) and c:1")).isEqualTo(new And(List.of(parse("a:1 or b:1"), parse("c:1"))));
    }

    @Test
    void valueListsExpandToTermsOnTheSameField() {
        assertThat(parse("a:(x or y and not z)")).isEqualTo(parse("a:x or (a:y and not a:z)"));
        assertThat(parse("a: ( x or (y or *) )")).isEqualTo(parse("a:x or (a:y or a:*)"));
    }

    @Test
    void unquotedValuesAreOneTrimmedLiteralUntilAKeyword() {
        assertThat(parse("name:   J*n Doe   ")).isEqualTo(
                new Match(path("name"), Literal.pattern(List.of("J", "n Doe"))));
        assertThat(parse("name: John  Doe and x:1")).isEqualTo(parse("name: \"John  Doe\" and x:1"));
        assertThat(parse("v: a\\*b")).isEqualTo(new Match(path("v"), Literal.exact("a*b")));
        assertThat(parse("v: \\ padded\\ ")).isEqualTo(new Match(path("v"), Literal.exact(" padded ")));
    }

    @Test
    void quotesAreExactAndSingleQuotesAreStripped() {
        assertThat(parse("v: \"a*b \\\"c\\\" \\\\ \\*\"")).isEqualTo(new Match(path("v"), Literal.exact("a*b \"c\" \\ *")));
        assertThat(parse("status : 'success'")).isEqualTo(new Match(path("status"), Literal.exact("success")));
        assertThat(parse("v: 'a*b'")).isEqualTo(new Match(path("v"), Literal.exact("a*b")));
        assertThat(parse("v: O'Brien")).isEqualTo(new Match(path("v"), Literal.exact("O'Brien")));
    }

    @Test
    void aLoneStarIsExists() {
        assertThat(parse("a:*")).isEqualTo(new Exists(path("a")));
        assertThat(parse("a : *")).isEqualTo(new Exists(path("a")));
        assertThat(parse("a: \"*\"")).isEqualTo(new Match(path("a"), Literal.exact("*")));
        assertThat(parse("a: **")).isEqualTo(new Match(path("a"), Literal.pattern(List.of("", "", ""))));
    }

    @Test
    void rangesTakeAnyLiteral() {
        assertThat(parse("a>=7")).isEqualTo(new Range(path("a"), Range.Operator.GTE, Literal.exact("7")));
        assertThat(parse("a < \"x y\"")).isEqualTo(new Range(path("a"), Range.Operator.LT, Literal.exact("x y")));
        assertThat(parse("@timestamp > now-1h")).isEqualTo(
                new Range(path("@timestamp"), Range.Operator.GT, Literal.exact("now-1h")));
        assertThat(parse("a <= 'q'")).isEqualTo(new Range(path("a"), Range.Operator.LTE, Literal.exact("q")));
    }

    @Test
    void fieldPaths() {
        assertThat(((Match) parse("a.b[0]['x.y'][\"z\"].c-d.e_f.@g: 1")).field())
                .isEqualTo(path("a", "b", "0", "x.y", "z", "c-d", "e_f", "@g"));
        assertThat(((Match) parse("a.0.b: 1")).field()).isEqualTo(path("a", "0", "b"));
        assertThat(((Match) parse("['it\\'s'].x: 1")).field()).isEqualTo(path("it's", "x"));
        assertThat(((Match) parse("\"quoted.field\": 1")).field()).isEqualTo(path("quoted", "field"));
        assertThat(((Range) parse("steps.my-step.output.values.length > 0")).field())
                .isEqualTo(path("steps", "my-step", "output", "values", "length"));
    }

    @Test
    void fieldlessTermsAndNestedQueriesParse() {
        assertThat(parse("foo")).isEqualTo(new FreeText(Literal.exact("foo")));
        assertThat(parse("\"foo bar\"")).isEqualTo(new FreeText(Literal.exact("foo bar")));
        assertThat(parse("foo bar")).isEqualTo(new FreeText(Literal.exact("foo bar")));
        assertThat(parse("true")).isEqualTo(new FreeText(Literal.exact("true")));
        assertThat(parse("a:{ b:1 and c:2 }")).isEqualTo(new Nested(path("a"), parse("b:1 and c:2")));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(parse("a:1 AND b:1 Or NOT c:1")).isEqualTo(parse("a:1 and b:1 or not c:1"));
        assertThat(parse("not(a:1)")).isEqualTo(new Not(parse("a:1")));
    }

    @Test
    void printsCanonicalTextThatParsesBack() {
        for (String text : List.of("a:1 or b:2 and not c:*", "name: J*n Doe", "a:(x or y)", "x.y['a b'] >= 3",
                "not not a:1", "(a:1 or b:1) and (c:1 or d:1)", "t:{ u:1 }", "foo", "v: \"q\\\"\\\\\"",
                "v: 'it\\'s'", "v: \\'x*", "v: a\\ *")) {
            KqlQuery q = parse(text);
            assertThat(parse(q.toString())).as(text + " printed as " + q).isEqualTo(q);
        }
        assertThat(parse("a:1 or b:2 and not c:*")).hasToString("a: \"1\" or (b: \"2\" and not c:*)");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '#', quoteCharacter = '`', value = {
        "`` # 1 # empty condition",
        "`   ` # 1 # empty condition",
        "status: # 8 # expected a value after ':' at column 8",
        "`severity: ` # 11 # expected a value after ':' at column 11",
        "`a >` # 4 # expected a value after '>' at column 4",
        "a <= ) # 6 # expected a value after '<=' at column 6",
        "a == 'b' # 3 # unexpected '==' at column 3; KQL compares with ':' (field: value) or < <= > >=",
        "a.b==1 # 4 # unexpected '==' at column 4; KQL compares with ':' (field: value) or < <= > >=",
        "a = 1 # 3 # unexpected '=' at column 3; KQL compares with ':' (field: value) or < <= > >=",
        "a: == 1 # 4 # unexpected '==' at column 4; KQL compares with ':' (field: value) or < <= > >=",
        "a != 1 # 3 # unexpected '!=' at column 3; KQL compares with ':' (field: value) or < <= > >=; negate with 'not field: value'",
        "a: 1 && b: 2 # 6 # unexpected '&&' at column 6; KQL combines conditions with 'and'",
        "a: 1 || b: 2 # 6 # unexpected '||' at column 6; KQL combines conditions with 'or'",
        "a:1 &&b:2 # 5 # unexpected '&&' at column 5; KQL combines conditions with 'and'",
        "a:1 and # 8 # expected a condition after 'and' at column 8",
        "a:1 or ( # 9 # expected a condition at column 9",
        "not # 4 # expected a condition after 'not' at column 4",
        "and a:1 # 1 # unexpected 'and' at column 1; expected a condition before 'and'",
        "a:1 or or b:1 # 8 # unexpected 'or' at column 8; expected a condition before 'or'",
        "(a:1 # 5 # expected ')' at column 5 to close the '(' at column 1",
        "(a:1 b:2) # 7 # unexpected ':' at column 7; expected 'and', 'or' or ')' to close the '(' at column 1",
        "a:1) # 4 # unexpected ')' at column 4; there is no '(' to close",
        "() # 2 # unexpected ')' at column 2; expected a condition",
        "a: b c: d # 7 # unexpected ':' at column 7; expected 'and', 'or' or the end of the condition; quote values that contain ':'",
        "a: b not c # 6 # unexpected 'not' at column 6; expected 'and', 'or' or the end of the condition",
        "a: not b # 4 # expected a value after ':' at column 4 but found 'not'; quote the value if it is the word itself",
        "a:(b or) # 8 # expected a value after 'or' at column 8",
        "a:() # 4 # expected a value after '(' at column 4",
        "a:(b # 5 # expected ')' at column 5 to close the '(' at column 3",
        "a:{ b:1 # 8 # expected '}' at column 8 to close the '{' at column 3",
        "a: \"open # 4 # unterminated string: the \" at column 4 has no closing \"",
        "\"open # 1 # unterminated string: the \" at column 1 has no closing \"",
        "a: x\\ # 5 # unfinished escape at column 5; expected a character after '\\'",
        "a[0: 1 # 2 # unclosed '[' at column 2; expected ']'",
        "a[]: 1 # 2 # empty '[]' in field 'a[]' at column 2; expected an index or a quoted name",
        "a..b: 1 # 3 # empty name in field 'a..b' at column 3; expected a name before '.'",
        ".a: 1 # 1 # empty name in field '.a' at column 1; expected a name before '.'",
        "a.: 1 # 2 # field 'a.' ends with '.' at column 2; expected a name after it",
        "a[0]b: 1 # 5 # expected '.' or '[' after ']' in field 'a[0]b' at column 5",
        "{ # 1 # unexpected '{' at column 1; expected a field or '('",
        ": x # 1 # unexpected ':' at column 1; expected a field or '('",
        "a:1 : # 5 # unexpected ':' at column 5; expected 'and', 'or' or the end of the condition; quote values that contain ':'",
    })
    void syntaxErrorsSayWhatAndWhere(String text, int column, String message) {
        KqlSyntaxException e = catchThrowableOfType(KqlSyntaxException.class, () -> Kql.parse(text));
        assertThat(e).as(text).isNotNull();
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.column()).isEqualTo(column);
    }

    @Test
    void columnsCountOverTheWholeMultiLineText() {
        KqlSyntaxException e = catchThrowableOfType(KqlSyntaxException.class, () -> Kql.parse("a:1 and\n  b =="));
        assertThat(e.column()).isEqualTo(13);
    }

    @Test
    void nullTextIsEmpty() {
        assertThatThrownBy(() -> Kql.parse(null)).isInstanceOf(KqlSyntaxException.class).hasMessage("empty condition");
    }

    @Test
    void nestingIsCappedWithAClearError() {
        assertThat(parse("(".repeat(100) + "a:1" + ")".repeat(100))).isEqualTo(parse("a:1"));
        assertThat(parse("not ".repeat(100) + "a:1")).isInstanceOf(Not.class);
        KqlSyntaxException parens = catchThrowableOfType(KqlSyntaxException.class,
                () -> Kql.parse("(".repeat(101) + "a:1" + ")".repeat(101)));
        assertThat(parens.getMessage()).isEqualTo(
                "condition nested deeper than 100 levels at column 101; simplify the parentheses or 'not's");
        assertThat(parens.column()).isEqualTo(101);
        assertThatThrownBy(() -> Kql.parse("not ".repeat(100_000) + "a:1")).isInstanceOf(KqlSyntaxException.class);
        assertThatThrownBy(() -> Kql.parse("(".repeat(1_000_000))).isInstanceOf(KqlSyntaxException.class);
        assertThatThrownBy(() -> Kql.parse("a:" + "(".repeat(1_000_000))).isInstanceOf(KqlSyntaxException.class);
        assertThatThrownBy(() -> Kql.parse("a:{".repeat(1_000))).isInstanceOf(KqlSyntaxException.class);
    }

    @Test
    void longInputIsLinear() {
        String longValue = "v: " + "word ".repeat(200_000) + "end";
        assertThat(((Match) parse(longValue)).value().text()).hasSize(200_000 * 5 + 3);
        assertThat(parse("v: x" + " ".repeat(500_000) + "and w: y")).isInstanceOf(And.class);
        assertThat(parse("v: '" + "x".repeat(500_000))).isInstanceOf(Match.class);
        assertThatThrownBy(() -> Kql.parse("a[" + "'".repeat(300_001))).isInstanceOf(KqlSyntaxException.class);
    }
}
