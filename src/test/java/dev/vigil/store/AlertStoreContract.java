package dev.vigil.store;

import static dev.vigil.store.Fixtures.T0;
import static dev.vigil.store.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.store.AlertStore.Alert;
import dev.vigil.store.AlertStore.Job;
import dev.vigil.store.AlertStore.NewAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Alert intake storage: every alert committed, dedup decided with the insert, the jobs an alert started. */
interface AlertStoreContract extends StoreFixture {

    Duration WINDOW = Duration.ofMinutes(5);

    private AlertStore alerts() {
        return new JdbcAlertStore(store(), WINDOW);
    }

    private static NewAlert alert(String key, Instant at) {
        return new NewAlert(at, "elastic", "r-1", "Malware", key, map("alerts", List.of(map("_id", "a-1")),
                "rule", map("id", "r-1", "name", "Malware"), "params", map(), "spaceId", "default"));
    }

    @Test
    default void anAlertIsStoredWithItsBodyAndReadBack() {
        Alert stored = alerts().record(alert("k", T0));
        assertThat(stored.id()).hasSize(36);
        assertThat(stored.duplicate()).isFalse();
        assertThat(alerts().alert(stored.id())).contains(stored);
        assertThat(alerts().alert("no-such-alert")).isEmpty();
    }

    @Test
    default void theSameKeyWithinTheWindowIsADuplicateOfTheOriginal() {
        AlertStore alerts = alerts();
        Alert original = alerts.record(alert("k", T0));
        Alert again = alerts.record(alert("k", T0.plusSeconds(60)));
        Alert lastMoment = alerts.record(alert("k", T0.plus(WINDOW).minusNanos(1_000)));
        Alert otherKey = alerts.record(alert("other", T0.plusSeconds(60)));
        assertThat(again.duplicateOf()).isEqualTo(original.id());
        assertThat(lastMoment.duplicateOf()).isEqualTo(original.id());
        assertThat(otherKey.duplicate()).isFalse();
        assertThat(alerts.alert(again.id()).orElseThrow().duplicateOf()).isEqualTo(original.id());
        assertThat(rows("alerts")).isEqualTo(4);
    }

    @Test
    default void afterTheWindowTheKeyStartsANewOriginalWithItsOwnWindow() {
        AlertStore alerts = alerts();
        Alert first = alerts.record(alert("k", T0));
        Alert atWindowEnd = alerts.record(alert("k", T0.plus(WINDOW)));
        Alert duplicate = alerts.record(alert("k", T0.plus(WINDOW).plusSeconds(10)));
        assertThat(first.duplicate()).isFalse();
        assertThat(atWindowEnd.duplicate()).isFalse();
        assertThat(duplicate.duplicateOf()).isEqualTo(atWindowEnd.id());
    }

    @Test
    default void theWindowIsConfigurable() {
        AlertStore shortWindow = new JdbcAlertStore(store(), Duration.ofSeconds(10));
        shortWindow.record(alert("k", T0));
        assertThat(shortWindow.record(alert("k", T0.plusSeconds(11))).duplicate()).isFalse();
        assertThatThrownBy(() -> new JdbcAlertStore(store(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dedup window must be positive");
    }

    @Test
    default void identicalAlertsAtOnceOnTwoNodesMakeExactlyOneOriginal() throws Exception {
        List<AlertStore> nodes = List.of(alerts(), new JdbcAlertStore(openAnother(), WINDOW));
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Alert>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            AlertStore node = nodes.get(i % 2);
            Instant at = T0.plusMillis(i);
            calls.add(() -> {
                start.await();
                return node.record(alert("same", at));
            });
        }
        List<Alert> recorded = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Alert>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Alert> future : futures) {
                recorded.add(future.get());
            }
        }
        List<Alert> originals = recorded.stream().filter(a -> !a.duplicate()).toList();
        assertThat(originals).hasSize(1);
        assertThat(recorded).filteredOn(Alert::duplicate).extracting(Alert::duplicateOf)
                .containsOnly(originals.getFirst().id()).hasSize(threads - 1);
        assertThat(count("SELECT COUNT(*) FROM alerts WHERE duplicate_of IS NULL")).isEqualTo(1);
    }

    @Test
    default void theJobsAnAlertStartedAreLinkedAndAPurgedJobTakesItsLinkAlong() {
        AlertStore alerts = alerts();
        Alert alert = alerts.record(alert("k", T0));
        ExecutionRecord triage = created("triage", T0);
        ExecutionRecord contain = created("contain", T0.plusMillis(5));
        alerts.addJobs(alert.id(), List.of(new Job("triage", triage.id()), new Job("contain", contain.id())));
        assertThat(alerts.jobs(alert.id())).containsExactly(new Job("triage", triage.id()),
                new Job("contain", contain.id()));

        store().saveExecution(Fixtures.as(triage, ExecutionStatus.COMPLETED, T0, T0.plusSeconds(1)));
        store().purge(T0.plusSeconds(10), 0, 100);
        assertThat(alerts.jobs(alert.id())).containsExactly(new Job("contain", contain.id()));
    }

    @Test
    default void aLargeBodyIsStoredOnceAsABlobAndOutlivesTheBlobSweep() {
        AlertStore alerts = alerts();
        Map<String, Object> body = map("alerts", List.of(map("message", "m".repeat(10_000))), "rule", map());
        Alert first = alerts.record(new NewAlert(T0, "generic", null, null, "k", body));
        Alert second = alerts.record(new NewAlert(T0.plusSeconds(1), "generic", null, null, "k", body));
        assertThat(rows("blobs")).isEqualTo(1);
        store().purge(T0.plusSeconds(10), 0, 100); // sweeps unreferenced blobs
        assertThat(alerts.alert(first.id()).orElseThrow().body()).isEqualTo(body);
        assertThat(alerts.alert(second.id()).orElseThrow().body()).isEqualTo(body);
    }

    @Test
    default void aBodyOverTheValueLimitIsRefusedBeforeAnythingIsStored() {
        AlertStore small = new JdbcAlertStore(openWithLimit(1_000), WINDOW);
        Map<String, Object> body = map("alerts", List.of(map("message", "m".repeat(2_000))));
        assertThatThrownBy(() -> small.record(new NewAlert(T0, "generic", null, null, "k", body)))
                .isInstanceOf(JobStore.ValueTooLarge.class);
        assertThat(rows("alerts")).isZero();
        assertThat(rows("alert_dedup")).isZero();
    }
}
