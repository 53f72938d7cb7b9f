package dev.vigil.schedule;

import dev.vigil.model.Trigger;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Test fixture: {@code anRrule("DAILY").tzid("Europe/Berlin").byhour(9).build()}. */
final class RruleBuilder {

    private final String freq;
    private int interval = 1;
    private String tzid = "UTC";
    private String dtstart;
    private List<Integer> byhour = List.of();
    private List<Integer> byminute = List.of();
    private List<String> byweekday = List.of();
    private List<Integer> bymonthday = List.of();

    private RruleBuilder(String freq) {
        this.freq = freq;
    }

    static RruleBuilder anRrule(String freq) {
        return new RruleBuilder(freq);
    }

    RruleBuilder interval(int value) {
        interval = value;
        return this;
    }

    RruleBuilder tzid(String value) {
        tzid = value;
        return this;
    }

    RruleBuilder dtstart(String value) {
        dtstart = value;
        return this;
    }

    RruleBuilder byhour(Integer... values) {
        byhour = Arrays.asList(values);
        return this;
    }

    RruleBuilder byminute(Integer... values) {
        byminute = Arrays.asList(values);
        return this;
    }

    RruleBuilder byweekday(String... values) {
        byweekday = Arrays.asList(values);
        return this;
    }

    RruleBuilder bymonthday(Integer... values) {
        bymonthday = Arrays.asList(values);
        return this;
    }

    Trigger.Rrule build() {
        return new Trigger.Rrule(freq, interval, tzid, dtstart, byhour, byminute, byweekday, bymonthday);
    }

    Recurrence recurrence() {
        return Recurrence.of(new Trigger.Scheduled(null, build()), ZoneOffset.UTC);
    }
}
