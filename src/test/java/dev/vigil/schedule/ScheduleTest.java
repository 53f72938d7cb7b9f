package dev.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.model.Workflow;
import dev.vigil.parse.ParseResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static Workflow parse(String yaml) {
        ParseResult result = Vigil.standard().parser().parse(yaml);
        assertThat(result.problems()).isEmpty();
        return result.workflow();
    }

    @Test
    void aWorkflowsSlotsAreTheUnionOfItsScheduledTriggers() {
        Schedule schedule = Schedule.of(parse("""
                name: two schedules
                triggers:
                  - type: manual
                  - type: scheduled
                    with:
                      every: 1h
                  - type: scheduled
                    with:
                      rrule:
                        freq: DAILY
                        interval: 1
                        byhour: [10]
                        byminute: [30]
                steps:
                  - name: hello
                    type: console
                    with:
                      message: hi
                """));
        assertThat(schedule.recurrences()).hasSize(2);
        assertThat(schedule.nextAfter(Instant.parse("2026-11-23T10:00:00Z")))
                .contains(Instant.parse("2026-11-23T10:30:00Z"));
        assertThat(schedule.latestAtOrBefore(Instant.parse("2026-11-23T10:45:00Z")))
                .contains(Instant.parse("2026-11-23T10:30:00Z"));
        assertThat(schedule.latestAtOrBefore(Instant.parse("2026-11-23T11:15:00Z")))
                .contains(Instant.parse("2026-11-23T11:00:00Z"));
    }

    @Test
    void aWorkflowWithoutScheduledTriggersNeverFires() {
        Schedule schedule = Schedule.of(parse("""
                name: manual only
                triggers:
                  - type: manual
                steps:
                  - name: hello
                    type: console
                    with:
                      message: hi
                """));
        assertThat(schedule.isEmpty()).isTrue();
        assertThat(schedule.nextAfter(Instant.parse("2026-11-23T10:00:00Z"))).isEmpty();
    }
}
