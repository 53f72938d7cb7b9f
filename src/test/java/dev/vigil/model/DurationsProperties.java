package dev.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class DurationsProperties {

    /** Units largest first, with their sizes in milliseconds (WORKFLOW_FORMAT.md §4.6). */
    static final List<String> UNITS = List.of("w", "d", "h", "m", "s", "ms");
    static final List<Long> MILLIS = List.of(604_800_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L);

    @Property
    void formatThenParseIsIdentity(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long millis) {
        Duration d = Duration.ofMillis(millis);
        String text = Durations.format(d);
        assertThat(text).hasSizeLessThanOrEqualTo(64).matches("(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?");
        assertThat(Durations.parse(text)).isEqualTo(d);
    }

    @Property
    void smallDurationsRoundTripToo(@ForAll @LongRange(min = 0, max = 10_000_000) long millis) {
        assertThat(Durations.parse(Durations.format(Duration.ofMillis(millis)))).isEqualTo(Duration.ofMillis(millis));
    }

    @Property
    void parsingThenFormattingGivesTheCanonicalText(@ForAll("compound") Compound c) {
        String canonical = Durations.format(Durations.parse(c.text()));
        assertThat(Durations.parse(canonical)).isEqualTo(Durations.parse(c.text()));
    }

    @Property
    void compoundEqualsTheSumOfItsParts(@ForAll("compound") Compound c) {
        assertThat(Durations.parse(c.text())).isEqualTo(Duration.ofMillis(c.millis()));
        assertThat(Durations.isValid(c.text())).isTrue();
    }

    @Property
    void surroundingWhitespaceIsIgnored(@ForAll("compound") Compound c) {
        assertThat(Durations.parse("  " + c.text() + "\t")).isEqualTo(Duration.ofMillis(c.millis()));
    }

    @Property
    void singleUnitIsAmountTimesSize(@ForAll @IntRange(min = 0, max = 1_000_000) int amount,
            @ForAll @IntRange(min = 0, max = 5) int unit) {
        assertThat(Durations.parse(amount + UNITS.get(unit)))
                .isEqualTo(Duration.ofMillis(amount * MILLIS.get(unit)));
    }

    @Property
    void unitsOutOfOrderOrRepeatedAreRejected(@ForAll @IntRange(min = 0, max = 5) int first,
            @ForAll @IntRange(min = 0, max = 5) int second, @ForAll @IntRange(min = 0, max = 999) int a,
            @ForAll @IntRange(min = 0, max = 999) int b) {
        String text = a + UNITS.get(first) + b + UNITS.get(second);
        if (first < second) {
            assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(a * MILLIS.get(first) + b * MILLIS.get(second)));
        } else {
            assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("descending order");
            assertThat(Durations.isValid(text)).isFalse();
        }
    }

    @Property(tries = 2000)
    void anyStringParsesOrFailsWithIllegalArgument(@ForAll("durationLike") String text) {
        try {
            Duration d = Durations.parse(text);
            assertThat(d.isNegative()).isFalse();
            assertThat(Durations.isValid(text)).isTrue();
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            assertThat(Durations.isValid(text)).isFalse();
        }
    }

    @Property
    void arbitraryUnicodeFailsOnlyWithIllegalArgument(@ForAll String text) {
        try {
            Durations.parse(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property
    void textLongerThan64CharactersIsRejected(@ForAll @IntRange(min = 65, max = 200) int length) {
        String text = "0".repeat(length - 1) + "s";
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 64");
    }

    @Property
    void negativeDurationsCannotBeFormatted(@ForAll @LongRange(min = Long.MIN_VALUE, max = -1) long millis) {
        assertThatThrownBy(() -> Durations.format(Duration.ofMillis(millis)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    record Compound(String text, long millis) {
    }

    /** One to six parts in descending unit order with amounts small enough not to overflow. */
    @Provide
    Arbitrary<Compound> compound() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 5).set().ofMinSize(1),
                        Arbitraries.longs().between(0, 9_999_999).list().ofSize(6))
                .as((units, amounts) -> {
                    StringBuilder text = new StringBuilder();
                    long millis = 0;
                    for (int u : units.stream().sorted().toList()) {
                        text.append(amounts.get(u)).append(UNITS.get(u));
                        millis += amounts.get(u) * MILLIS.get(u);
                    }
                    return new Compound(text.toString(), millis);
                });
    }

    /** Strings made of duration pieces, digits and odd characters, so that many are near misses. */
    @Provide
    Arbitrary<String> durationLike() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("w", "d", "h", "m", "s", "ms", "M", "y", " ", "-", "+", ".", "1", "0", "99",
                        "99999999999999999999", "1h", "30m", "5s", "250ms", "\u0661", "\t", "é"),
                Arbitraries.strings().ofMaxLength(3));
        return piece.list().ofMaxSize(12).map(l -> String.join("", l));
    }
}
