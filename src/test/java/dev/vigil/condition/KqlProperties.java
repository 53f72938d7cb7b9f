package dev.vigil.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.condition.KqlQuery.And;
import dev.vigil.condition.KqlQuery.Exists;
import dev.vigil.condition.KqlQuery.FreeText;
import dev.vigil.condition.KqlQuery.Match;
import dev.vigil.condition.KqlQuery.Nested;
import dev.vigil.condition.KqlQuery.Not;
import dev.vigil.condition.KqlQuery.Or;
import dev.vigil.condition.KqlQuery.Range;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Properties of the KQL parser and evaluator. Two generators: "any" trees with awkward names and values (for the
 * print/parse round trip), and trees over a small field/value schema with random contexts, where evaluation is
 * checked against a naive reference evaluator and against the boolean laws.
 */
class KqlProperties {

    static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");

    // ---- round trip ----

    @Property(tries = 1000)
    void printedTreesParseBackToTheSameTree(@ForAll("anyQuery") KqlQuery query) throws KqlSyntaxException {
        assertThat(Kql.parse(query.toString())).as(query.toString()).isEqualTo(query);
    }

    @Property(tries = 2000)
    void garbageParsesOrFailsWithASyntaxErrorAndWhatParsesPrintsBack(@ForAll("garbage") String text,
            @ForAll("context") Map<String, Object> context) {
        KqlQuery query;
        try {
            query = Kql.parse(text);
        } catch (KqlSyntaxException expected) {
            assertThat(expected.column()).isBetween(1, text.length() + 1);
            return;
        }
        try {
            assertThat(Kql.parse(query.toString())).as(text + " printed as " + query).isEqualTo(query);
        } catch (KqlSyntaxException e) {
            throw new AssertionError(text + " printed as " + query + " does not parse: " + e.getMessage(), e);
        }
        query.matches(context, NOW); // must not throw
    }

    @Property(tries = 500)
    void anyStringFailsOnlyWithASyntaxError(@ForAll String text) {
        try {
            Kql.parse(text).matches(Map.of(), NOW);
        } catch (KqlSyntaxException expected) {
            assertThat(expected.column()).isBetween(1, text.length() + 1);
        }
    }

    // ---- values ----

    @Property(tries = 1000)
    void aQuotedValueMatchesExactlyItsString(@ForAll("text") String value) throws KqlSyntaxException {
        Assume.that(DateMath.parse(value) == null); // valid date math ("now") is resolved first, by design
        String quoted = '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        KqlQuery query = Kql.parse("v: " + quoted);
        assertThat(query.matches(Map.of("v", value), NOW)).as(quoted).isTrue();
        assertThat(query.matches(Map.of("v", value + "x"), NOW)).isFalse();
        assertThat(query.matches(Map.of("v", "x" + value), NOW)).isFalse();
    }

    @Property(tries = 1000)
    void anEscapedUnquotedValueMatchesExactlyItsString(@ForAll("text") String value) throws KqlSyntaxException {
        Assume.that(!value.isEmpty() && DateMath.parse(value) == null);
        Assume.that(!value.matches("(?is)(and|or|not)([\\s()\"].*)?")); // a keyword cannot start a value
        StringBuilder escaped = new StringBuilder();
        value.chars().forEach(c -> escaped.append(Character.isLetterOrDigit(c) ? "" : "\\").append((char) c));
        KqlQuery query = Kql.parse("v: " + escaped);
        assertThat(query.matches(Map.of("v", value), NOW)).as(escaped.toString()).isTrue();
        assertThat(query.matches(Map.of("v", value + "x"), NOW)).isFalse();
    }

    @Property(tries = 1000)
    void wildcardsMatchLikeTheEquivalentRegex(@ForAll("patternParts") List<String> parts,
            @ForAll("shortText") String subject) {
        Literal pattern = Literal.pattern(parts);
        Pattern regex = Pattern.compile(String.join(".*", parts.stream().map(Pattern::quote).toList()), Pattern.DOTALL);
        assertThat(pattern.matchesScalar(subject, NOW)).as(parts + " vs '" + subject + "'")
                .isEqualTo(regex.matcher(subject).matches());
    }

    @Property(tries = 1000)
    void aPatternMatchesTheTextItWasCutFrom(@ForAll("shortText") String subject,
            @ForAll("cuts") List<Integer> cuts) {
        // Keep some slices of the subject and replace the rest with '*': the pattern must match the subject.
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int cut : cuts.stream().map(c -> Math.min(c, subject.length())).sorted().toList()) {
            parts.add(subject.substring(from, Math.max(from, cut)));
            from = Math.max(from, cut);
        }
        parts.add(subject.substring(from));
        if (parts.size() >= 2) {
            assertThat(Literal.pattern(parts).matchesScalar(subject, NOW)).isTrue();
        }
    }

    @Property(tries = 1000)
    void numbersPrintAsJavaScriptDoesAndParseBack(@ForAll @DoubleRange(min = -1e300, max = 1e300) double d) {
        String text = JsText.numberToString(d);
        assertThat(Double.parseDouble(text)).isEqualTo(d == 0 ? 0.0 : d);
        assertThat(JsText.parseFloat(text)).isEqualTo(d == 0 ? 0.0 : d);
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            assertThat(text).isEqualTo(Long.toString((long) d));
        }
    }

    // ---- evaluation against a reference and the boolean laws ----

    @Property(tries = 1000)
    void evaluationAgreesWithANaiveReference(@ForAll("schemaQuery") KqlQuery query,
            @ForAll("context") Map<String, Object> context) {
        assertThat(query.matches(context, NOW)).as(query + " on " + context).isEqualTo(reference(query, context));
    }

    @Property(tries = 1000)
    void doubleNegationIsIdentity(@ForAll("schemaQuery") KqlQuery q, @ForAll("context") Map<String, Object> ctx)
            throws KqlSyntaxException {
        assertThat(Kql.parse("not not (" + q + ")").matches(ctx, NOW)).isEqualTo(q.matches(ctx, NOW));
    }

    @Property(tries = 1000)
    void andAndOrCommute(@ForAll("schemaQuery") KqlQuery a, @ForAll("schemaQuery") KqlQuery b,
            @ForAll("context") Map<String, Object> ctx) throws KqlSyntaxException {
        assertThat(Kql.parse("(" + a + ") and (" + b + ")").matches(ctx, NOW))
                .isEqualTo(Kql.parse("(" + b + ") and (" + a + ")").matches(ctx, NOW));
        assertThat(Kql.parse("(" + a + ") or (" + b + ")").matches(ctx, NOW))
                .isEqualTo(Kql.parse("(" + b + ") or (" + a + ")").matches(ctx, NOW));
    }

    @Property(tries = 1000)
    void deMorgan(@ForAll("schemaQuery") KqlQuery a, @ForAll("schemaQuery") KqlQuery b,
            @ForAll("context") Map<String, Object> ctx) throws KqlSyntaxException {
        assertThat(Kql.parse("not ((" + a + ") and (" + b + "))").matches(ctx, NOW))
                .isEqualTo(Kql.parse("not (" + a + ") or not (" + b + ")").matches(ctx, NOW));
        assertThat(Kql.parse("not ((" + a + ") or (" + b + "))").matches(ctx, NOW))
                .isEqualTo(Kql.parse("not (" + a + ") and not (" + b + ")").matches(ctx, NOW));
    }

    @Property(tries = 1000)
    void andBindsTighterThanOr(@ForAll("schemaQuery") KqlQuery a, @ForAll("schemaQuery") KqlQuery b,
            @ForAll("schemaQuery") KqlQuery c, @ForAll("context") Map<String, Object> ctx) throws KqlSyntaxException {
        String pa = "(" + a + ")";
        String pb = "(" + b + ")";
        String pc = "(" + c + ")";
        assertThat(Kql.parse(pa + " or " + pb + " and " + pc).matches(ctx, NOW))
                .isEqualTo(Kql.parse(pa + " or (" + pb + " and " + pc + ")").matches(ctx, NOW));
    }

    @Property(tries = 500)
    void valueListsEqualTheExpandedTerms(@ForAll("schemaField") String field, @ForAll("schemaValue") String x,
            @ForAll("schemaValue") String y, @ForAll("context") Map<String, Object> ctx) throws KqlSyntaxException {
        assertThat(Kql.parse(field + ": (" + x + " or not " + y + ")").matches(ctx, NOW))
                .isEqualTo(Kql.parse(field + ": " + x + " or not " + field + ": " + y).matches(ctx, NOW));
    }

    /** A deliberately naive evaluator for the small schema: one-key paths, exact values, lists of scalars. */
    static boolean reference(KqlQuery q, Map<String, Object> ctx) {
        return switch (q) {
            case And and -> and.terms().stream().allMatch(t -> reference(t, ctx));
            case Or or -> or.terms().stream().anyMatch(t -> reference(t, ctx));
            case Not not -> !reference(not.query(), ctx);
            case Exists e -> ctx.get(key(e.field())) != null;
            case Match m -> scalars(ctx.get(key(m.field()))).stream().anyMatch(v -> refEquals(v, m.value().text()));
            case Range r -> scalars(ctx.get(key(r.field()))).stream().anyMatch(v -> {
                Integer sign = refCompare(v, r.value().text());
                return sign != null && switch (r.operator()) {
                    case LT -> sign < 0;
                    case LTE -> sign <= 0;
                    case GT -> sign > 0;
                    case GTE -> sign >= 0;
                };
            });
            case FreeText f -> false;
            case Nested n -> false;
        };
    }

    private static String key(Path path) {
        return path.keys().getFirst();
    }

    private static List<?> scalars(Object v) {
        return v instanceof List<?> l ? l : v == null ? List.of() : List.of(v);
    }

    private static boolean refEquals(Object v, String literal) {
        return switch (v) {
            case String s -> s.equals(literal);
            case Long n -> literal.matches("-?\\d+") && n == Long.parseLong(literal);
            case Boolean b -> b == literal.equalsIgnoreCase("true");
            default -> false;
        };
    }

    private static Integer refCompare(Object v, String literal) {
        return switch (v) {
            case String s -> Integer.signum(s.compareTo(literal));
            case Long n -> literal.matches("-?\\d+") ? Long.compare(n, Long.parseLong(literal)) : null;
            case Boolean b -> Boolean.compare(b, literal.equalsIgnoreCase("true"));
            default -> null;
        };
    }

    // ---- generators ----

    @Provide
    Arbitrary<String> schemaField() {
        return Arbitraries.of("a", "b", "c", "d");
    }

    @Provide
    Arbitrary<String> schemaValue() {
        return Arbitraries.of("x", "y", "10", "9", "-1", "true", "false", "abc");
    }

    @Provide
    Arbitrary<Map<String, Object>> context() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.of("x", "y", "10", "9", "true", "abc", ""),
                Arbitraries.of(-1L, 0L, 9L, 10L),
                Arbitraries.of(true, false));
        Arbitrary<Object> value = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalar),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)),
                net.jqwik.api.Tuple.of(2, scalar.list().ofMaxSize(3).map(l -> (Object) l)));
        return Combinators.combine(Arbitraries.of("a", "b", "c", "d").set(), value.list().ofSize(4))
                .as((keys, values) -> {
                    Map<String, Object> ctx = new LinkedHashMap<>();
                    int i = 0;
                    for (String k : keys) {
                        ctx.put(k, values.get(i++));
                    }
                    return ctx;
                });
    }

    @Provide
    Arbitrary<KqlQuery> schemaQuery() {
        return schemaQuery(3);
    }

    private Arbitrary<KqlQuery> schemaQuery(int depth) {
        Arbitrary<Path> field = schemaField().map(f -> Path.of(List.of(f)));
        Arbitrary<Literal> literal = schemaValue().map(Literal::exact);
        Arbitrary<KqlQuery> leaf = Arbitraries.oneOf(
                Combinators.combine(field, literal).as(Match::new),
                Combinators.combine(field, Arbitraries.of(Range.Operator.class), literal).as(Range::new),
                field.map(Exists::new));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<KqlQuery> sub = schemaQuery(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf),
                net.jqwik.api.Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(And::new)),
                net.jqwik.api.Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(Or::new)),
                net.jqwik.api.Tuple.of(1, sub.map(Not::new)));
    }

    /** Text with the characters that matter to KQL: specials, quotes, escapes, spaces, keywords, stars. */
    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab \t\n\"'\\*():<>{}=!&|.[]-@_é"
                        + "\u2028").ofMaxLength(12),
                Arbitraries.of("and", "or", "not", " and ", " or ", "not ", "now", "now-1h", "a||b", "*", "\\",
                        "'", "\"", "").list().ofMaxSize(4).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(8));
    }

    @Provide
    Arbitrary<String> shortText() {
        return Arbitraries.strings().withChars("ab*").ofMaxLength(8);
    }

    @Provide
    Arbitrary<List<String>> patternParts() {
        return Arbitraries.strings().withChars("ab").ofMaxLength(3).list().ofMinSize(2).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 8).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<KqlQuery> anyQuery() {
        return anyQuery(3);
    }

    private Arbitrary<KqlQuery> anyQuery(int depth) {
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.of("a", "steps", "my-step", "0", "12", "@timestamp", "length", "and", "or", "not",
                        "x.y", "it's", "a b", "", "[0]", "\\", "\"q\"", "*"),
                text());
        Arbitrary<Path> path = key.list().ofMinSize(1).ofMaxSize(3).map(Path::of);
        Arbitrary<Literal> exact = text().map(Literal::exact);
        Arbitrary<Literal> pattern = text().list().ofMinSize(2).ofMaxSize(3)
                .filter(parts -> !(parts.size() == 2 && parts.get(0).isEmpty() && parts.get(1).isEmpty()))
                .map(Literal::pattern);
        Arbitrary<Literal> value = Arbitraries.oneOf(exact, pattern);
        Arbitrary<KqlQuery> leaf = Arbitraries.oneOf(
                Combinators.combine(path, value).as(Match::new),
                Combinators.combine(path, Arbitraries.of(Range.Operator.class), exact).as(Range::new),
                path.map(Exists::new),
                value.map(FreeText::new));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<KqlQuery> sub = anyQuery(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf),
                net.jqwik.api.Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(And::new)),
                net.jqwik.api.Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(Or::new)),
                net.jqwik.api.Tuple.of(1, sub.map(Not::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(path, sub).as(Nested::new)));
    }

    /** Token soup biased towards KQL syntax, so that a good share of it parses. */
    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("a", "b.c", "x[0]", "['k']", ":", ": ", " ", "  ", "(", ")", "{", "}", "\"", "'",
                        "\\", "*", "<", "<=", ">", ">=", "=", "==", "!=", "&&", "||", " and ", " or ", "not ",
                        "AND", "Or", "nOt", "now-1h", "1", "-2.5", "v", "[", "]", ".", "\t", "\n", "é", "@t"),
                Arbitraries.strings().ofMaxLength(3));
        return token.list().ofMaxSize(14).map(l -> String.join("", l));
    }
}
