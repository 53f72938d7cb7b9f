package dev.vigil.steps.data;

import static dev.vigil.steps.FakeInvocation.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.steps.FakeInvocation;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataRegexExtractStepTest {

    private static final String LOG = "user=alice ip=10.0.0.1; user=bob ip=10.0.0.2";

    private static Object run(Object source, Map<String, Object> with) throws Exception {
        return new DataRegexExtractStep().run(FakeInvocation.with(with).field("source", source));
    }

    @Test
    void extractsNumberedAndNamedGroupsOfTheFirstMatch() throws Exception {
        Object out = run(LOG, map("pattern", "user=(?<user>\\w+) ip=([\\d.]+)",
                "fields", map("user", "$<user>", "bare", "user", "ip", "$2", "all", "$0")));

        assertThat(out).isEqualTo(map("user", "alice", "bare", "alice", "ip", "10.0.0.1",
                "all", "user=alice ip=10.0.0.1"));
    }

    @Test
    void globalFlagGivesOneMapPerMatch() throws Exception {
        Object out = run(LOG, map("pattern", "user=(\\w+)", "fields", map("user", "$1"), "flags", "g"));
        assertThat(out).isEqualTo(List.of(map("user", "alice"), map("user", "bob")));
    }

    @Test
    void noMatchGivesNullOrAnEmptyArrayWithG() throws Exception {
        assertThat(run(LOG, map("pattern", "nothing(\\d)", "fields", map("d", "$1")))).isNull();
        assertThat(run(LOG, map("pattern", "nothing(\\d)", "fields", map("d", "$1"), "flags", "g")))
                .isEqualTo(List.of());
    }

    @Test
    void errorIfNoMatchFails() {
        assertThatThrownBy(() -> new DataRegexExtractStep().run(FakeInvocation.with(map("pattern", "x(\\d)",
                "fields", map("d", "$1"))).field("source", "abc").field("errorIfNoMatch", true)))
                .isInstanceOf(StepFailure.class)
                .hasMessage("data.regexExtract: pattern \"x(\\d)\" did not match the source (errorIfNoMatch is set)");
    }

    @Test
    void flagsIgnoreCaseMultilineAndDotAll() throws Exception {
        assertThat(run("HELLO", map("pattern", "(hello)", "fields", map("w", "$1"), "flags", "i")))
                .isEqualTo(map("w", "HELLO"));
        assertThat(run("a\nb", map("pattern", "^(b)$", "fields", map("w", "$1"), "flags", "m")))
                .isEqualTo(map("w", "b"));
        assertThat(run("a\nb", map("pattern", "(a.b)", "fields", map("w", "$1"), "flags", "s")))
                .isEqualTo(map("w", "a\nb"));
        assertThat(run("a\nb", map("pattern", "(a.b)", "fields", map("w", "$1")))).isNull();
    }

    @Test
    void unknownFlagFails() {
        assertThatThrownBy(() -> run("a", map("pattern", "a", "fields", map("w", "$0"), "flags", "y")))
                .hasMessage("data.regexExtract: unsupported regex flag 'y' in with.flags; use g, i, m, s or u");
    }

    @Test
    void javaScriptGroupNamesWithUnderscoresWork() throws Exception {
        Object out = run("id=42 id=42", map("pattern", "id=(?<user_id>\\d+) id=\\k<user_id>",
                "fields", map("id", "$<user_id>", "same", "user_id")));
        assertThat(out).isEqualTo(map("id", "42", "same", "42"));
    }

    @Test
    void missingOrNonParticipatingGroupsAreNull() throws Exception {
        Object out = run("ab", map("pattern", "(a)(x)?", "fields", map("a", "$1", "x", "$2", "far", "$9",
                "unknown", "$<nope>")));
        assertThat(out).isEqualTo(map("a", "a", "x", null, "far", null, "unknown", null));
    }

    @Test
    void anArraySourceGivesOneResultPerElement() throws Exception {
        Object out = run(Arrays.asList("v=1", "none", 5L), map("pattern", "v=(\\d)", "fields", map("v", "$1")));
        assertThat(out).isEqualTo(Arrays.asList(map("v", "1"), null, null));
    }

    @Test
    void invalidPatternFailsWithTheReason() {
        assertThatThrownBy(() -> run("a", map("pattern", "(a", "fields", map("w", "$1"))))
                .hasMessageStartingWith("data.regexExtract: invalid regular expression in with.pattern: Unclosed group");
    }

    @Test
    void sourceAndParametersAreChecked() {
        assertThatThrownBy(() -> run(5L, map("pattern", "a", "fields", map("w", "$0"))))
                .hasMessage("data.regexExtract: source must be a string or an array of strings, got number");
        assertThatThrownBy(() -> run("a", map("fields", map("w", "$0"))))
                .hasMessage("data.regexExtract: with.pattern is required");
        assertThatThrownBy(() -> run("a", map("pattern", "a", "fields", "x")))
                .hasMessage("data.regexExtract: with.fields must be a non-empty object of name → group, got string");
    }

    @Test
    void sourceOverOneHundredKilobytesFails() {
        assertThatThrownBy(() -> run("a".repeat(100 * 1024 + 1), map("pattern", "a", "fields", map("w", "$0"))))
                .hasMessageStartingWith("data.regexExtract: source is larger than 100 KB");
    }

    @Test
    void theClassicReDoSPatternFinishesQuicklyOnJavasEngine() throws Exception {
        // (a+)+$ is exponential in JavaScript; Java 25's engine short-cuts it, so it simply does not match.
        long start = System.nanoTime();
        assertThat(run("a".repeat(40) + "!", map("pattern", "(a+)+$", "fields", map("w", "$1")))).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void catastrophicBacktrackingFailsWithinTheTimeLimit() {
        // Patterns that are exponential on Java's engine too: nested quantifiers with a back-reference, and
        // repeated .* groups that cannot match.
        for (String pattern : List.of("(a+)+\\1b", "(.*a){12}x")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new DataRegexExtractStep().run(FakeInvocation.with(map("pattern", pattern,
                    "fields", map("w", "$1"))).field("source", "a".repeat(40) + "!").remaining(Duration.ofMillis(300))))
                    .isInstanceOf(StepFailure.class)
                    .satisfies(e -> assertThat(((StepFailure) e).type()).isEqualTo("RegexTimeoutError"))
                    .hasMessageContaining("did not finish within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void theTimeLimitDefaultsToTwoSecondsWhenTheStepHasMoreTime() {
        assertThat(JsRegex.limit(null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(JsRegex.limit(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(2));
        assertThat(JsRegex.limit(Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void definitionRequiresPatternFieldsAndSource() {
        var definition = DataRegexExtractStep.definition();
        assertThat(definition.requiredWith()).containsExactly("pattern", "fields");
        assertThat(definition.fields()).containsExactly("source", "errorIfNoMatch");
        assertThat(definition.requiredFields()).containsExactly("source");
    }
}
