package dev.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.engine.ManualClock;
import dev.vigil.engine.RunRequest;
import dev.vigil.model.Workflow;
import dev.vigil.parse.ParseResult;
import dev.vigil.parse.WorkflowParser;
import dev.vigil.queue.Saturated;
import dev.vigil.store.ScheduleSlots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final WorkflowParser PARSER = Vigil.standard().parser();
    private static final Instant START = Instant.parse("2026-11-23T10:00:30Z");
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final InMemoryScheduleSlots slots = new InMemoryScheduleSlots();
    private final RecordingSubmitter submitter = new RecordingSubmitter();
    private final List<ScheduledWorkflow> active = new CopyOnWriteArrayList<>();
    private final List<Scheduler> nodes = new ArrayList<>();

    @AfterEach
    void closeNodes() {
        nodes.forEach(Scheduler::close);
    }

    /** A node whose passes run on the thread that moves the clock, so each advance is deterministic. */
    private Scheduler node(String nodeId) {
        return node(nodeId, slots);
    }

    private Scheduler node(String nodeId, ScheduleSlots store) {
        Scheduler node = new Scheduler(() -> active, store, submitter, clock, Runnable::run,
                Scheduler.Settings.of(nodeId));
        nodes.add(node);
        return node;
    }

    private static Workflow parse(String yaml) {
        ParseResult result = PARSER.parse(yaml);
        assertThat(result.problems()).as("problems in test workflow").isEmpty();
        return result.workflow();
    }

    /** A workflow whose one trigger is {@code scheduled} with the given {@code with} lines (indented by 6). */
    private static Workflow scheduledWith(String withLines, String extraTopLevel) {
        return parse("""
                name: scheduled test
                %s
                triggers:
                  - type: scheduled
                    with:
                %s
                steps:
                  - name: hello
                    type: console
                    with:
                      message: hi
                """.formatted(extraTopLevel, withLines.indent(6).stripTrailing()));
    }

    private ScheduledWorkflow every(String id, String every, Instant activeSince) {
        return new ScheduledWorkflow(id, scheduledWith("every: " + every, ""), "source of " + id, activeSince);
    }

    private void advance(Duration step, int times) {
        for (int i = 0; i < times; i++) {
            clock.advance(step);
        }
    }

    private void advanceTo(String instant) {
        clock.advance(Duration.between(clock.now(), Instant.parse(instant)));
    }

    @Test
    void firesOncePerSlotOnTheEpochAlignedMarks() {
        active.add(every("wf", "5m", LONG_AGO));
        node("a").start();
        advance(Duration.ofMinutes(1), 15);
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:00:00Z", "2026-11-23T10:05:00Z",
                "2026-11-23T10:10:00Z", "2026-11-23T10:15:00Z");
        assertThat(slots.claims("wf")).hasSize(4).allSatisfy((slot, node) -> assertThat(node).isEqualTo("a"));
    }

    @Test
    void theRunIsScheduledByTheSchedulerAndItsEventCarriesTheSlot() {
        active.add(every("wf", "5m", LONG_AGO));
        node("a").start();
        RunRequest run = submitter.accepted().getFirst();
        assertThat(run.workflowId()).isEqualTo("wf");
        assertThat(run.triggeredBy()).isEqualTo("scheduled");
        assertThat(run.executedBy()).isEqualTo("scheduler");
        assertThat(run.testRun()).isFalse();
        assertThat(run.inputs()).isEmpty();
        assertThat(run.event()).isEqualTo(Map.of("spaceId", "default", "type", "scheduled",
                "scheduledAt", "2026-11-23T10:00:00Z"));
    }

    @Test
    void aWorkflowActivatedAfterASlotWaitsForTheNextOne() {
        active.add(every("wf", "5m", START));
        node("a").start();
        assertThat(submitter.accepted()).isEmpty();
        advanceTo("2026-11-23T10:04:59Z");
        assertThat(submitter.accepted()).isEmpty();
        advanceTo("2026-11-23T10:05:00Z");
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:05:00Z");
    }

    @Test
    void afterDowntimeOnlyTheLatestMissedSlotFires() {
        active.add(every("wf", "5m", LONG_AGO));
        Scheduler before = node("a");
        before.start();
        before.close();
        advance(Duration.ofHours(3), 1); // 36 slots pass with no scheduler running
        node("a").start();
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:00:00Z", "2026-11-23T13:00:00Z");
        advanceTo("2026-11-23T13:05:00Z");
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:00:00Z", "2026-11-23T13:00:00Z",
                "2026-11-23T13:05:00Z");
        assertThat(slots.claims("wf")).hasSize(3);
    }

    @Test
    void aRestartWithinASlotDoesNotFireItAgain() {
        active.add(every("wf", "5m", LONG_AGO));
        Scheduler before = node("a");
        before.start();
        before.close();
        clock.advance(Duration.ofSeconds(20));
        node("a").start();
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:00:00Z");
    }

    @Test
    void twoNodesFireEachOfManySlotsExactlyOnce() {
        active.add(every("wf", "1m", LONG_AGO));
        node("a").start();
        node("b").start();
        for (int i = 0; i < 400; i++) { // 200 minutes in steps that fall between slots and across them
            clock.advance(Duration.ofSeconds(i % 2 == 0 ? 17 : 43));
        }
        assertThat(submitter.scheduledAt()).isEqualTo(everyMinute("2026-11-23T10:00:00Z", 201));
        assertThat(slots.claims("wf")).hasSize(201);
    }

    @Test
    void whenBothNodesMissTheOtherOnesClaimTheStoreLetsOnlyOneWin() {
        // Both read lastSlot before either claims (here: they never see a claim), so both try every slot.
        ScheduleSlots staleReads = new ScheduleSlots() {
            @Override
            public boolean claimSlot(String workflowId, Instant slot, String nodeId) {
                return slots.claimSlot(workflowId, slot, nodeId);
            }

            @Override
            public Optional<Instant> lastSlot(String workflowId) {
                return Optional.empty();
            }
        };
        active.add(every("wf", "1m", LONG_AGO));
        node("a", staleReads).start();
        node("b", staleReads).start();
        advance(Duration.ofSeconds(30), 200);
        assertThat(submitter.scheduledAt()).isEqualTo(everyMinute("2026-11-23T10:00:00Z", 101));
    }

    @Test
    void aNodeWhoseClockIsBehindDoesNotFireTheSlotBeforeTheOneAlreadyFired() {
        active.add(every("wf", "5m", LONG_AGO));
        ManualClock ahead = new ManualClock(Instant.parse("2026-11-23T10:05:01Z"));
        ManualClock behind = new ManualClock(Instant.parse("2026-11-23T10:04:59Z"));
        for (ManualClock nodeClock : List.of(ahead, behind)) {
            Scheduler node = new Scheduler(() -> active, slots, submitter, nodeClock, Runnable::run,
                    Scheduler.Settings.of(nodeClock == ahead ? "ahead" : "behind"));
            nodes.add(node);
            node.start();
        }
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:05:00Z");
    }

    @Test
    void aFullQueueIsAskedAgainAndTheSlotFiresOnce() {
        submitter.failWith(new Saturated(100, 100, Duration.ofSeconds(2)),
                new Saturated(100, 100, Duration.ofSeconds(2)));
        active.add(every("wf", "5m", LONG_AGO));
        node("a").start();
        node("b").start();
        assertThat(submitter.accepted()).isEmpty();
        advance(Duration.ofSeconds(1), 4);
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:00:00Z");
        assertThat(submitter.attempts()).isEqualTo(3);
        advance(Duration.ofSeconds(30), 10);
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:00:00Z", "2026-11-23T10:05:00Z");
        assertThat(slots.claims("wf")).hasSize(2);
    }

    @Test
    void aRunTheQueueStillRefusesWhenTheNextSlotComesIsReplacedByIt() {
        for (int i = 0; i < 6; i++) {
            submitter.failWith(new Saturated(100, 100, Duration.ofSeconds(60)));
        }
        active.add(every("wf", "5m", LONG_AGO));
        node("a").start();
        advance(Duration.ofSeconds(10), 39); // to 10:07: five refusals of 10:00, then 10:05 refused once, accepted
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:05:00Z");
        assertThat(submitter.attempts()).isEqualTo(7);
    }

    @Test
    void otherSubmissionFailuresAreTriedAFewTimesThenTheSlotIsDropped() {
        for (int i = 0; i < 5; i++) {
            submitter.failWith(new IllegalStateException("store unavailable"));
        }
        active.add(every("wf", "5m", LONG_AGO));
        node("a").start();
        advance(Duration.ofSeconds(5), 20);
        assertThat(submitter.attempts()).isEqualTo(5);
        assertThat(submitter.accepted()).isEmpty();
        advanceTo("2026-11-23T10:05:00Z");
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:05:00Z");
    }

    @Test
    void wakeSeesANewWorkflowAtOnceAndTheNextPassSeesItAnyway() {
        Scheduler node = node("a");
        node.start();
        active.add(every("first", "5m", LONG_AGO));
        node.wake();
        assertThat(submitter.accepted()).extracting(RunRequest::workflowId).containsExactly("first");
        active.add(every("second", "5m", LONG_AGO));
        clock.advance(Duration.ofSeconds(5));
        assertThat(submitter.accepted()).extracting(RunRequest::workflowId).containsExactly("first", "second");
    }

    @Test
    void aWorkflowThatIsNoLongerActiveStopsFiring() {
        active.add(every("wf", "5m", LONG_AGO));
        node("a").start();
        active.clear();
        advance(Duration.ofMinutes(1), 20);
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:00:00Z");
    }

    @Test
    void aDisabledWorkflowDoesNotFire() {
        active.add(new ScheduledWorkflow("wf", scheduledWith("every: 5m", "enabled: false"), "", LONG_AGO));
        node("a").start();
        advance(Duration.ofMinutes(1), 20);
        assertThat(submitter.accepted()).isEmpty();
    }

    @Test
    void aChangedScheduleTakesEffectAtOnce() {
        active.add(every("wf", "5m", LONG_AGO));
        node("a").start();
        advanceTo("2026-11-23T10:02:00Z");
        active.set(0, every("wf", "1h", clock.now()));
        advance(Duration.ofMinutes(1), 60);
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z");
    }

    @Test
    void anRruleWithoutTzidFiresAtLocalTimeInTheWorkflowsTimezone() {
        ManualClock march = new ManualClock(Instant.parse("2026-03-27T00:00:00Z"));
        Workflow workflow = scheduledWith("""
                rrule:
                  freq: DAILY
                  interval: 1
                  byhour: [9]
                """, "settings:\n  timezone: Europe/Berlin");
        active.add(new ScheduledWorkflow("wf", workflow, "", march.now()));
        Scheduler node = new Scheduler(() -> active, slots, submitter, march, Runnable::run,
                Scheduler.Settings.of("a"));
        nodes.add(node);
        node.start();
        for (int i = 0; i < 4 * 24; i++) {
            march.advance(Duration.ofHours(1));
        }
        assertThat(submitter.scheduledAt()).containsExactly("2026-03-27T08:00:00Z", "2026-03-28T08:00:00Z",
                "2026-03-29T07:00:00Z", "2026-03-30T07:00:00Z");
    }

    @Test
    void aScheduleThatCannotFireDoesNotStopTheOthers() {
        active.add(every("broken", "0m", LONG_AGO));
        active.add(every("fine", "5m", LONG_AGO));
        node("a").start();
        advance(Duration.ofMinutes(1), 5);
        assertThat(submitter.accepted()).extracting(RunRequest::workflowId).containsExactly("fine", "fine");
    }

    @Test
    void aFailingSupplierIsReadAgainOnTheNextPass() {
        boolean[] fail = {true};
        Scheduler node = new Scheduler(() -> {
            if (fail[0]) {
                throw new IllegalStateException("workflow store unavailable");
            }
            return active;
        }, slots, submitter, clock, Runnable::run, Scheduler.Settings.of("a"));
        nodes.add(node);
        active.add(every("wf", "5m", LONG_AGO));
        node.start();
        assertThat(submitter.accepted()).isEmpty();
        fail[0] = false;
        clock.advance(Duration.ofSeconds(5));
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:00:00Z");
    }

    @Test
    void aClosedSchedulerFiresNoMore() {
        active.add(every("wf", "5m", LONG_AGO));
        Scheduler node = node("a");
        node.start();
        node.close();
        node.wake();
        advance(Duration.ofMinutes(1), 20);
        assertThat(submitter.scheduledAt()).containsExactly("2026-11-23T10:00:00Z");
    }

    private static List<String> everyMinute(String first, int count) {
        Instant start = Instant.parse(first);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(start.plus(Duration.ofMinutes(i)).toString());
        }
        return result;
    }
}
