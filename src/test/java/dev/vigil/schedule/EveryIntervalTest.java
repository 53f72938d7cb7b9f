package dev.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EveryIntervalTest {

    private static Recurrence every(String text) {
        return Recurrence.of(new Trigger.Scheduled(text, null), ZoneOffset.UTC);
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void fiveMinutesFiresOnTheFiveMinuteMarksOfUtc() {
        Recurrence r = every("5m");
        assertThat(r.latestAtOrBefore(at("2026-11-23T10:07:30Z"))).contains(at("2026-11-23T10:05:00Z"));
        assertThat(r.nextAfter(at("2026-11-23T10:07:30Z"))).contains(at("2026-11-23T10:10:00Z"));
    }

    @Test
    void anInstantOnASlotIsThatSlotAndTheNextIsOnePeriodLater() {
        Recurrence r = every("5m");
        assertThat(r.latestAtOrBefore(at("2026-11-23T10:05:00Z"))).contains(at("2026-11-23T10:05:00Z"));
        assertThat(r.nextAfter(at("2026-11-23T10:05:00Z"))).contains(at("2026-11-23T10:10:00Z"));
        assertThat(r.latestAtOrBefore(at("2026-11-23T10:04:59.999999Z"))).contains(at("2026-11-23T10:00:00Z"));
    }

    @Test
    void oneDayFiresAtMidnightUtc() {
        Recurrence r = every("1d");
        assertThat(r.latestAtOrBefore(at("2026-11-23T23:59:00Z"))).contains(at("2026-11-23T00:00:00Z"));
        assertThat(r.nextAfter(at("2026-11-23T00:00:00Z"))).contains(at("2026-11-24T00:00:00Z"));
    }

    @Test
    void periodsThatDoNotDivideAnHourStayAlignedToTheEpochNotToTheHour() {
        Recurrence r = every("7m");
        Instant latest = r.latestAtOrBefore(at("2026-11-23T10:00:00Z")).orElseThrow();
        assertThat(latest).isEqualTo(at("2026-11-23T09:56:00Z"));
        assertThat(latest.getEpochSecond() % 420).isZero();
        assertThat(r.nextAfter(at("2026-11-23T10:00:00Z"))).contains(at("2026-11-23T10:03:00Z"));
    }

    @Test
    void secondsWork() {
        assertThat(every("30s").nextAfter(at("2026-11-23T10:00:10Z"))).contains(at("2026-11-23T10:00:30Z"));
    }

    @Test
    void aYearOfDowntimeIsOneDivision() {
        Recurrence r = every("1m");
        Instant later = at("2026-11-23T10:00:00Z").plus(Duration.ofDays(365)).plusSeconds(42);
        assertThat(r.latestAtOrBefore(later)).contains(at("2027-11-23T10:00:00Z"));
        assertThat(r.nextAfter(later)).contains(at("2027-11-23T10:01:00Z"));
    }

    @Test
    void aZeroPeriodIsRefused() {
        assertThatThrownBy(() -> every("0m")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never advances");
    }
}
