package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.investigations.Grouping;
import dev.vigil.investigations.Investigation;
import dev.vigil.investigations.InvestigationNotFound;
import dev.vigil.investigations.InvestigationService;
import dev.vigil.investigations.InvestigationStatus;
import dev.vigil.investigations.Priority;
import dev.vigil.investigations.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Investigations on {@link JdbcInvestigationStore} through {@link InvestigationService}, on every database. */
abstract class InvestigationStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final List<JdbcJobStore> opened = new ArrayList<>();
    private Instant now = T0;

    abstract String url();

    String user() {
        return null;
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcJobStore::close);
        opened.clear();
    }

    private InvestigationService open() {
        JdbcJobStore jobs = JdbcJobStore.open(url(), user(), null);
        opened.add(jobs);
        return new InvestigationService(new JdbcInvestigationStore(jobs), () -> now = now.plusMillis(1),
                Duration.ofMinutes(30));
    }

    private static Map<String, Object> alert(String rule, String hostOrNull, String user) {
        return alert(rule, hostOrNull, user, "beacon to 203.0.113.9");
    }

    private static Map<String, Object> alert(String rule, String hostOrNull, String user, String message) {
        Map<String, Object> doc = new java.util.HashMap<>(Map.of("kibana.alert.rule.name", rule,
                "kibana.alert.rule.uuid", "r-" + rule, "kibana.alert.severity", "critical", "user.name", user,
                "message", message));
        if (hostOrNull != null) {
            doc.put("host.name", hostOrNull);
        }
        return Map.of("alerts", List.of(doc));
    }

    @Test
    void alertsOfOneRuleAndEntityWithinTheWindowGroupAndOthersOpenTheirOwn() {
        InvestigationService investigations = open();
        Grouping opened = investigations.groupAlert(alert("Beacon", "wks-1", "ana"), "a1", T0, "siem");
        Grouping joining = investigations.groupAlert(alert("Beacon", "wks-1", "bob"), "a2",
                T0.plus(Duration.ofMinutes(20)), "siem");
        Grouping more = investigations.groupAlert(alert("Beacon", "wks-1", "ana", "beacon to 203.0.113.9 and "
                + "198.51.100.7"), "a6", T0.plus(Duration.ofMinutes(21)), "siem");
        Investigation first = opened.investigation();
        Investigation joined = joining.investigation();
        Investigation otherHost = investigations.groupAlert(alert("Beacon", "wks-2", "ana"), "a3", T0, "siem")
                .investigation();
        Investigation byUser = investigations.groupAlert(alert("Beacon", null, "ana"), "a4", T0, "siem")
                .investigation();
        Investigation late = investigations.groupAlert(alert("Beacon", "wks-1", "ana"), "a5",
                T0.plus(Duration.ofMinutes(52)), "siem").investigation();

        assertThat(opened.opened()).isTrue();
        assertThat(opened.newIndicators()).containsExactly(new Investigation.Indicator("ipv4", "203.0.113.9"));
        assertThat(joining.opened()).isFalse();
        assertThat(joining.newIndicators()).as("the joining alert brings no indicator the investigation lacks")
                .isEmpty();

        assertThat(joined.id()).isEqualTo(first.id());
        assertThat(joined.alertIds()).containsExactly("a1", "a2");
        assertThat(joined.version()).isEqualTo(2);
        assertThat(otherHost.id()).isNotEqualTo(first.id());
        assertThat(byUser.entity()).isEqualTo("user:ana");
        assertThat(late.id()).as("the window runs from the last alert, 21 min in: 52 is past it")
                .isNotIn(first.id(), otherHost.id(), byUser.id());
        assertThat(more.investigation().id()).isEqualTo(first.id());
        assertThat(more.opened()).isFalse();
        assertThat(more.newIndicators()).containsExactly(new Investigation.Indicator("ipv4", "198.51.100.7"));
        Investigation read = investigations.get(first.id());
        assertThat(read).isEqualTo(more.investigation());
        assertThat(read.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(read.title()).isEqualTo("Beacon on host:wks-1");
        assertThat(read.indicators()).containsExactly(new Investigation.Indicator("ipv4", "203.0.113.9"),
                new Investigation.Indicator("ipv4", "198.51.100.7"));
        assertThat(investigations.timeline(first.id())).extracting(TimelineEntry::kind)
                .containsExactly(TimelineEntry.Kind.ALERT_ADDED, TimelineEntry.Kind.ALERT_ADDED,
                        TimelineEntry.Kind.ALERT_ADDED);
        assertThat(investigations.find(InvestigationStatus.OPEN, 1, 2).total()).isEqualTo(4);
        assertThat(investigations.find(null, 1, 2).investigations()).hasSize(2);
    }

    @Test
    void aClosedInvestigationTakesNoNewAlertAndChangesAreOnTheTimeline() {
        InvestigationService investigations = open();
        Investigation first = investigations.groupAlert(alert("Beacon", "wks-1", "ana"), "a1", T0, "siem")
                .investigation();
        investigations.comment(first.id(), "checking", "apikey:ana");
        investigations.assign(first.id(), "ana", "apikey:lead");
        Investigation closed = investigations.setStatus(first.id(), InvestigationStatus.CLOSED, "apikey:ana");
        investigations.linkCase(first.id(), "case-1", "apikey:ana");
        Investigation next = investigations.groupAlert(alert("Beacon", "wks-1", "ana"), "a2", T0.plusSeconds(5),
                "siem").investigation();

        assertThat(closed.version()).isEqualTo(3);
        assertThat(next.id()).isNotEqualTo(first.id());
        List<TimelineEntry> timeline = investigations.timeline(first.id());
        assertThat(timeline).extracting(TimelineEntry::kind).containsExactly(TimelineEntry.Kind.ALERT_ADDED,
                TimelineEntry.Kind.COMMENT, TimelineEntry.Kind.ASSIGNED, TimelineEntry.Kind.STATUS_CHANGED,
                TimelineEntry.Kind.CASE_LINKED);
        assertThat(timeline).extracting(TimelineEntry::actor)
                .containsExactly("siem", "apikey:ana", "apikey:lead", "apikey:ana", "apikey:ana");
        assertThat(timeline.getLast().refs()).containsEntry("caseId", "case-1");
        assertThatThrownBy(() -> investigations.comment("missing", "x", "a")).isInstanceOf(InvestigationNotFound.class);
    }

    @Test
    void concurrentAlertsOfOneRuleAndEntityOpenOneInvestigation() throws Exception {
        InvestigationService investigations = open();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String alertId = "c" + i;
                done.add(pool.submit(() -> ids.add(investigations.groupAlert(alert("Beacon", "wks-1", "ana"), alertId,
                        T0, "siem").investigation().id())));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(investigations.get(ids.iterator().next()).alertIds()).hasSize(16);
        assertThat(investigations.timeline(ids.iterator().next())).hasSize(16);
    }
}
