package dev.vigil.steps.data;

import static dev.vigil.steps.FakeInvocation.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.steps.FakeInvocation;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataRegexReplaceStepTest {

    private static Object run(Object source, String pattern, String replacement, String flags) throws Exception {
        return new DataRegexReplaceStep().run(FakeInvocation.with(map("pattern", pattern, "replacement", replacement,
                "flags", flags)).field("source", source));
    }

    @Test
    void replacesTheFirstMatchWithoutG() throws Exception {
        assertThat(run("a-b-c", "-", "+", null)).isEqualTo("a+b-c");
    }

    @Test
    void replacesEveryMatchWithG() throws Exception {
        assertThat(run("a-b-c", "-", "+", "g")).isEqualTo("a+b+c");
    }

    @Test
    void javaScriptReplacementSyntax() throws Exception {
        assertThat(run("john smith", "(\\w+) (\\w+)", "$2, $1", null)).isEqualTo("smith, john");
        assertThat(run("john smith", "(?<first>\\w+) (?<last_name>\\w+)", "$<last_name> $<first>", null))
                .isEqualTo("smith john");
        assertThat(run("abc", "b", "[$&]", null)).isEqualTo("a[b]c");
        assertThat(run("abc", "b", "[$`|$']", null)).isEqualTo("a[a|c]c");
        assertThat(run("cost", "cost", "$$5", null)).isEqualTo("$5");
    }

    @Test
    void whatJavaWouldMisreadStaysLiteral() throws Exception {
        assertThat(run("abc", "b", "\\n$", null)).isEqualTo("a\\n$c");
        assertThat(run("abc", "(b)", "$3$0$x", null)).isEqualTo("a$3$0$xc");
        assertThat(run("abc", "b", "$<name>", null)).isEqualTo("a$<name>c");   // no named groups: literal
        assertThat(run("abc", "(b)", "$11", null)).isEqualTo("ab1c");         // $1 then a literal 1
    }

    @Test
    void emptyMatchesAdvanceLikeJavaScript() throws Exception {
        assertThat(run("abc", "x*", "-", "g")).isEqualTo("-a-b-c-");
    }

    @Test
    void caseInsensitiveFlag() throws Exception {
        assertThat(run("Secret secret", "secret", "***", "gi")).isEqualTo("*** ***");
    }

    @Test
    void detailedGivesOriginalReplacedAndMatchCount() throws Exception {
        Object out = new DataRegexReplaceStep().run(FakeInvocation.with(map("pattern", "\\d", "replacement", "#",
                "flags", "g")).field("source", "a1b22").field("detailed", true));
        assertThat(out).isEqualTo(map("original", "a1b22", "replaced", "a#b##", "matchCount", 3));
    }

    @Test
    void anArraySourceIsReplacedElementWise() throws Exception {
        assertThat(run(Arrays.asList("a1", "b2", 3L), "\\d", "#", null)).isEqualTo(List.of("a#", "b#", "3"));
    }

    @Test
    void emptyReplacementDeletes() throws Exception {
        assertThat(run("a1b2", "\\d", "", "g")).isEqualTo("ab");
    }

    @Test
    void parametersAreChecked() {
        assertThatThrownBy(() -> run("a", "a", null, null)).hasMessage("data.regexReplace: with.replacement is required");
        assertThatThrownBy(() -> run(map(), "a", "b", null))
                .hasMessage("data.regexReplace: source must be a string or an array of strings, got object");
        assertThatThrownBy(() -> run("a", "[", "b", null))
                .hasMessageStartingWith("data.regexReplace: invalid regular expression in with.pattern");
        assertThatThrownBy(() -> run("x".repeat(200_000), "a", "b", null))
                .hasMessageStartingWith("data.regexReplace: source is larger than 100 KB");
    }

    @Test
    void catastrophicBacktrackingFailsWithinTheTimeLimit() {
        assertThatThrownBy(() -> new DataRegexReplaceStep().run(FakeInvocation.with(map("pattern", "(a+)+\\1b",
                        "replacement", "x")).field("source", "a".repeat(40) + "!").remaining(Duration.ofMillis(200))))
                .isInstanceOf(StepFailure.class)
                .satisfies(e -> assertThat(((StepFailure) e).type()).isEqualTo("RegexTimeoutError"));
    }

    @Test
    void definitionRequiresPatternReplacementAndSource() {
        var definition = DataRegexReplaceStep.definition();
        assertThat(definition.requiredWith()).containsExactly("pattern", "replacement");
        assertThat(definition.fields()).containsExactly("source", "detailed");
    }
}
