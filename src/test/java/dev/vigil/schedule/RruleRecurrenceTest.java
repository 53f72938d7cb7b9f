package dev.vigil.schedule;

import static dev.vigil.schedule.RruleBuilder.anRrule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RruleRecurrenceTest {

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    /** The first {@code n} slots after {@code from}, by repeated {@link Recurrence#nextAfter}. */
    private static List<Instant> slots(Recurrence r, String from, int n) {
        List<Instant> result = new ArrayList<>();
        Instant t = at(from);
        for (int i = 0; i < n; i++) {
            t = r.nextAfter(t).orElseThrow();
            result.add(t);
        }
        return result;
    }

    private static List<Instant> instants(String... texts) {
        return Arrays.stream(texts).map(Instant::parse).toList();
    }

    @Test
    void dailyAtALocalTimeFollowsTheZoneAcrossSummerTime() {
        Recurrence r = anRrule("DAILY").tzid("Europe/Berlin").byhour(9).byminute(30).recurrence();
        assertThat(slots(r, "2026-03-27T00:00:00Z", 4)).isEqualTo(instants("2026-03-27T08:30:00Z",
                "2026-03-28T08:30:00Z", "2026-03-29T07:30:00Z", "2026-03-30T07:30:00Z"));
        assertThat(slots(r, "2026-10-24T00:00:00Z", 2)).isEqualTo(instants("2026-10-24T07:30:00Z",
                "2026-10-25T08:30:00Z"));
    }

    @Test
    void aLocalTimeInTheSpringForwardGapFiresLaterByTheGap() {
        // 02:00 does not exist in Berlin on 2026-03-29; it fires at the offset before the gap: 03:00 CEST.
        Recurrence r = anRrule("DAILY").tzid("Europe/Berlin").byhour(2).recurrence();
        assertThat(slots(r, "2026-03-27T12:00:00Z", 3)).isEqualTo(instants("2026-03-28T01:00:00Z",
                "2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z"));
    }

    @Test
    void aLocalTimeThatOccursTwiceFiresOnceAtItsSecondOccurrence() {
        // 02:30 occurs at 00:30Z (CEST) and 01:30Z (CET) on 2026-10-25; lib-recur picks the second.
        Recurrence r = anRrule("DAILY").tzid("Europe/Berlin").byhour(2).byminute(30).recurrence();
        assertThat(slots(r, "2026-10-24T12:00:00Z", 2)).isEqualTo(instants("2026-10-25T01:30:00Z",
                "2026-10-26T01:30:00Z"));
        assertThat(r.latestAtOrBefore(at("2026-10-25T01:00:00Z"))).contains(at("2026-10-24T00:30:00Z"));
    }

    @Test
    void twoLocalTimesOnOneInstantInTheGapAreOneSlot() {
        // 02:00 (in the gap) and 03:00 are both 01:00Z on 2026-03-29; lib-recur yields that instant twice.
        Recurrence r = anRrule("DAILY").tzid("Europe/Berlin").byhour(2, 3).recurrence();
        assertThat(slots(r, "2026-03-28T00:00:00Z", 5)).isEqualTo(instants("2026-03-28T01:00:00Z",
                "2026-03-28T02:00:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z", "2026-03-30T01:00:00Z"));
        assertThat(r.latestAtOrBefore(at("2026-03-29T01:30:00Z"))).contains(at("2026-03-29T01:00:00Z"));
    }

    @Test
    void latestAndNextAgreeSlotBySlotAcrossBothTransitions() {
        Recurrence r = anRrule("DAILY").tzid("Europe/Berlin").byhour(0, 1, 2, 3, 4).byminute(0, 30).recurrence();
        for (String from : List.of("2026-03-28T12:00:00Z", "2026-10-24T12:00:00Z")) {
            List<Instant> walk = slots(r, from, 40);
            assertThat(walk).isSorted().doesNotHaveDuplicates();
            for (int i = 1; i < walk.size(); i++) {
                Instant slot = walk.get(i);
                assertThat(r.latestAtOrBefore(slot)).as("latest at %s", slot).contains(slot);
                assertThat(r.latestAtOrBefore(slot.minusMillis(1))).as("latest before %s", slot)
                        .contains(walk.get(i - 1));
            }
        }
    }

    @Test
    void weeklyOnWeekdays() {
        Recurrence r = anRrule("WEEKLY").byweekday("MO", "WE", "FR").byhour(9).recurrence();
        // 2026-11-22 is a Sunday.
        assertThat(slots(r, "2026-11-22T00:00:00Z", 4)).isEqualTo(instants("2026-11-23T09:00:00Z",
                "2026-11-25T09:00:00Z", "2026-11-27T09:00:00Z", "2026-11-30T09:00:00Z"));
        assertThat(r.latestAtOrBefore(at("2026-11-23T08:59:59Z"))).contains(at("2026-11-20T09:00:00Z"));
    }

    @Test
    void dailyWithWeekdaysOnlyFiresOnThem() {
        Recurrence r = anRrule("DAILY").byweekday("SA", "SU").byhour(10).recurrence();
        assertThat(slots(r, "2026-11-23T00:00:00Z", 3)).isEqualTo(instants("2026-11-28T10:00:00Z",
                "2026-11-29T10:00:00Z", "2026-12-05T10:00:00Z"));
    }

    @Test
    void monthDayThirtyOneSkipsShortMonths() {
        Recurrence r = anRrule("MONTHLY").bymonthday(31).byhour(9).recurrence();
        assertThat(slots(r, "2026-01-01T00:00:00Z", 5)).isEqualTo(instants("2026-01-31T09:00:00Z",
                "2026-03-31T09:00:00Z", "2026-05-31T09:00:00Z", "2026-07-31T09:00:00Z", "2026-08-31T09:00:00Z"));
        assertThat(r.latestAtOrBefore(at("2026-04-29T00:00:00Z"))).contains(at("2026-03-31T09:00:00Z"));
        assertThat(r.latestAtOrBefore(at("2026-03-30T00:00:00Z"))).contains(at("2026-01-31T09:00:00Z"));
    }

    @Test
    void negativeMonthDaysCountFromTheEnd() {
        Recurrence r = anRrule("MONTHLY").bymonthday(-1).recurrence();
        assertThat(slots(r, "2026-01-01T00:00:00Z", 4)).isEqualTo(instants("2026-01-31T00:00:00Z",
                "2026-02-28T00:00:00Z", "2026-03-31T00:00:00Z", "2026-04-30T00:00:00Z"));
    }

    @Test
    void intervalCountsFromDtstart() {
        Recurrence daily = anRrule("DAILY").interval(3).dtstart("2026-11-20T06:00:00Z").recurrence();
        assertThat(slots(daily, "2026-11-20T00:00:00Z", 3)).isEqualTo(instants("2026-11-20T06:00:00Z",
                "2026-11-23T06:00:00Z", "2026-11-26T06:00:00Z"));
        Recurrence weekly = anRrule("WEEKLY").interval(2).byweekday("TU").byhour(8)
                .dtstart("2026-11-23").recurrence();
        assertThat(slots(weekly, "2026-11-23T00:00:00Z", 3)).isEqualTo(instants("2026-11-24T08:00:00Z",
                "2026-12-08T08:00:00Z", "2026-12-22T08:00:00Z"));
    }

    @Test
    void withoutDtstartIntervalsCountFromNineteenSeventyInTheZone() {
        // 2026-11-23 is an even number of days after 1970-01-01.
        assertThat(slots(anRrule("DAILY").interval(2).recurrence(), "2026-11-22T12:00:00Z", 2))
                .isEqualTo(instants("2026-11-23T00:00:00Z", "2026-11-25T00:00:00Z"));
        // Weeks start on Monday; 1970-01-01 lies in the week of 1969-12-29, so every other week from there.
        assertThat(slots(anRrule("WEEKLY").interval(2).byweekday("MO").byhour(9).recurrence(),
                "2026-11-22T00:00:00Z", 2)).isEqualTo(instants("2026-11-30T09:00:00Z", "2026-12-14T09:00:00Z"));
        // Every third month from January.
        assertThat(slots(anRrule("MONTHLY").interval(3).bymonthday(1).recurrence(), "2026-11-23T00:00:00Z", 2))
                .isEqualTo(instants("2027-01-01T00:00:00Z", "2027-04-01T00:00:00Z"));
    }

    @Test
    void withoutDtstartAnHourAloneMeansOnTheHour() {
        Recurrence r = anRrule("DAILY").tzid("America/New_York").byhour(9).recurrence();
        assertThat(slots(r, "2026-11-23T00:00:00Z", 1)).containsExactly(at("2026-11-23T14:00:00Z"));
    }

    @Test
    void dtstartWithAnOffsetIsThatInstantSeenInTheZone() {
        // 08:15Z is 09:15 in Berlin in November: the minute comes from dtstart, the hour from byhour.
        Recurrence r = anRrule("DAILY").tzid("Europe/Berlin").byhour(10).dtstart("2026-11-20T08:15:00Z")
                .recurrence();
        assertThat(r.latestAtOrBefore(at("2026-11-20T09:00:00Z"))).isEmpty();
        assertThat(slots(r, "2026-11-19T00:00:00Z", 2)).isEqualTo(instants("2026-11-20T09:15:00Z",
                "2026-11-21T09:15:00Z"));
    }

    @Test
    void dtstartWithoutAnOffsetIsLocalTimeInTheZone() {
        Recurrence r = anRrule("DAILY").tzid("Europe/Berlin").dtstart("2026-11-20T07:45:00").recurrence();
        assertThat(slots(r, "2026-11-19T00:00:00Z", 2)).isEqualTo(instants("2026-11-20T06:45:00Z",
                "2026-11-21T06:45:00Z"));
    }

    @Test
    void aMissingTzidIsTheFallbackZone() {
        Recurrence r = Recurrence.of(new Trigger.Scheduled(null,
                anRrule("DAILY").tzid(null).byhour(9).build()), ZoneId.of("Asia/Tokyo"));
        assertThat(r.nextAfter(at("2026-11-23T01:00:00Z"))).contains(at("2026-11-24T00:00:00Z"));
    }

    @Test
    void minutesWithoutHoursFireEveryHourAsKibanaDoes() {
        Recurrence r = anRrule("DAILY").byminute(15, 45).recurrence();
        assertThat(slots(r, "2026-11-23T10:20:00Z", 3)).isEqualTo(instants("2026-11-23T10:45:00Z",
                "2026-11-23T11:15:00Z", "2026-11-23T11:45:00Z"));
    }

    @Test
    void monthDaysOnAWeeklyRuleAreIgnoredAsKibanaDoes() {
        Recurrence r = anRrule("WEEKLY").byweekday("MO").bymonthday(5).recurrence();
        assertThat(slots(r, "2026-11-22T00:00:00Z", 2)).isEqualTo(instants("2026-11-23T00:00:00Z",
                "2026-11-30T00:00:00Z"));
    }

    @Test
    void aRuleThatNeverMatchesHasNoSlots() {
        // Every twelfth month from February, on the 31st: February never has one.
        Recurrence r = anRrule("MONTHLY").interval(12).bymonthday(31).dtstart("2020-02-01T00:00:00Z").recurrence();
        assertThat(r.latestAtOrBefore(at("2026-11-23T00:00:00Z"))).isEmpty();
        assertThat(r.nextAfter(at("2026-11-23T00:00:00Z"))).isEmpty();
    }

    @Test
    void aFreqLibRecurDoesNotKnowIsRefused() {
        assertThatThrownBy(() -> anRrule("FORTNIGHTLY").recurrence()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secondlyIsRefusedBecauseFastForwardingItFromNineteenSeventyIsSlow() {
        assertThatThrownBy(() -> anRrule("SECONDLY").recurrence()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every: <n>s");
    }

    @Test
    void everyMinuteByHoursAndMinutesAYearLaterIsFoundWithinTheStepBudget() {
        // The densest rule the format can write, anchored in 1970: scanning from the anchor would need ~30 million
        // steps and trip RruleRecurrence.MAX_STEPS; the windowed lookup needs about a day's worth.
        Recurrence r = anRrule("DAILY").byhour(IntStream.range(0, 24).boxed().toArray(Integer[]::new))
                .byminute(IntStream.range(0, 60).boxed().toArray(Integer[]::new)).recurrence();
        Instant later = at("2026-11-23T10:07:30Z").plus(Duration.ofDays(365));
        assertThat(r.latestAtOrBefore(later)).contains(at("2027-11-23T10:07:00Z"));
        assertThat(r.nextAfter(later)).contains(at("2027-11-23T10:08:00Z"));
    }

    @Test
    void aMinutelyRuleAYearLaterIsFoundWithinTheStepBudget() {
        Recurrence r = anRrule("MINUTELY").interval(5).recurrence();
        Instant later = at("2026-11-23T10:07:30Z").plus(Duration.ofDays(365));
        assertThat(r.latestAtOrBefore(later)).contains(at("2027-11-23T10:05:00Z"));
        assertThat(r.nextAfter(later)).contains(at("2027-11-23T10:10:00Z"));
    }
}
