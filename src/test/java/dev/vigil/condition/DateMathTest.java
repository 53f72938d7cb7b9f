package dev.vigil.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateMathTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:30:45.678Z"); // a Wednesday

    @ParameterizedTest
    @CsvSource({
        "now,                          2026-11-25T10:30:45.678Z",
        "now-1h,                       2026-11-25T09:30:45.678Z",
        "now+15m,                      2026-11-25T10:45:45.678Z",
        "now-30s,                      2026-11-25T10:30:15.678Z",
        "now-500ms,                    2026-11-25T10:30:45.178Z",
        "now-7d/d,                     2026-11-18T00:00:00.000Z",
        "now/d,                        2026-11-25T00:00:00.000Z",
        "now/h,                        2026-11-25T10:00:00.000Z",
        "now/m,                        2026-11-25T10:30:00.000Z",
        "now/s,                        2026-11-25T10:30:45.000Z",
        "now/w,                        2026-11-23T00:00:00.000Z",
        "now/M,                        2026-11-01T00:00:00.000Z",
        "now/y,                        2026-01-01T00:00:00.000Z",
        "now-1M,                       2026-10-25T10:30:45.678Z",
        "now+1y,                       2027-11-25T10:30:45.678Z",
        "now-2w,                       2026-11-11T10:30:45.678Z",
        "now-1H,                       2026-11-25T09:30:45.678Z",
        "now-d,                        2026-11-24T10:30:45.678Z",
        "now-1d+2h/h,                  2026-11-24T12:00:00.000Z",
        "2024-01-01||+1d,              2024-01-02T00:00:00.000Z",
        "2024-01-31||+1M,              2024-02-29T00:00:00.000Z",
        "2024-01-01T10:00:00Z||/d,     2024-01-01T00:00:00.000Z",
        "2024-01-01T10:00:00+02:00||,  2024-01-01T08:00:00.000Z",
        "2024-01-01T10:00:00.5||-1s,   2024-01-01T09:59:59.500Z",
    })
    void resolves(String text, String iso) {
        assertThat(DateMath.parse(text)).as(text).isNotNull();
        assertThat(DateMath.parse(text).resolveIso(NOW)).isEqualTo(iso);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nowhere", "now-", "now-1", "now-1x", "now 1h", "now/", "now-1h/", "now+99999999999d",
        "2024-13-01||+1d", "abc||+1d", "a||b", "success", ""})
    void isPlainTextOtherwise(String text) {
        assertThat(DateMath.parse(text)).as(text).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"now+9999999999y", "now-9999999999M"})
    void outOfRangeResolvesToNullRatherThanThrowing(String text) {
        assertThat(DateMath.parse(text)).isNotNull();
        assertThat(DateMath.parse(text).resolveIso(NOW)).isNull();
    }
}
