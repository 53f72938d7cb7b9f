package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.enrichment.Enrichment;
import dev.vigil.enrichment.EnrichmentStore;
import dev.vigil.enrichment.EnrichmentStore.Attached;
import dev.vigil.enrichment.EnrichmentStore.Claim;
import dev.vigil.enrichment.Lookup;
import dev.vigil.enrichment.LookupKey;
import dev.vigil.investigations.Investigation;
import dev.vigil.investigations.InvestigationService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lookups (claim, cache, end) and investigations' enrichments on {@link JdbcEnrichmentStore}, on every database. */
abstract class EnrichmentStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Investigation.Indicator IP = new Investigation.Indicator("ipv4", "185.220.101.4");
    private static final LookupKey KEY = new LookupKey("workflow-rep", 1, IP);

    private final List<JdbcJobStore> opened = new ArrayList<>();
    private InvestigationService investigations;
    private EnrichmentStore store;
    private int ids;

    abstract String url();

    String user() {
        return null;
    }

    private JdbcJobStore open() {
        JdbcJobStore jobs = JdbcJobStore.open(url(), user(), null);
        opened.add(jobs);
        return jobs;
    }

    @BeforeEach
    void openStore() {
        JdbcJobStore jobs = open();
        investigations = new InvestigationService(new JdbcInvestigationStore(jobs), () -> T0, Duration.ofHours(1));
        store = new JdbcEnrichmentStore(jobs);
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcJobStore::close);
        opened.clear();
    }

    /** A new investigation (its own host), to attach lookups to. */
    private String investigation() {
        String host = "wks-" + (++ids);
        return investigations.groupAlert(Map.of("alerts", List.of(Map.of("kibana.alert.rule.name", "Beacon",
                "host.name", host, "source.ip", IP.value()))), "alert-" + host, T0, "siem").investigation().id();
    }

    private static String lookupId(int n) {
        return "lookup-" + n;
    }

    @Test
    void theFirstClaimRunsAnotherWaitsForItAndTheEndReachesBoth() {
        String first = investigation();
        String second = investigation();

        Claim claimed = store.claim(first, KEY, lookupId(1), T0, T0.minus(Duration.ofHours(24)));
        assertThat(claimed).isInstanceOf(Claim.Claimed.class);
        Claim running = store.claim(second, KEY, lookupId(2), T0.plusSeconds(1), T0.minus(Duration.ofHours(24)));
        assertThat(running).isEqualTo(new Claim.Running(new Lookup(lookupId(1), KEY, null, "running", null, T0, null)));
        assertThat(store.enrichments(second)).as("a running lookup is attached only when asked").isEmpty();
        store.started(lookupId(1), "job-1");
        assertThat(store.attach(second, lookupId(1), T0.plusSeconds(1)).orElseThrow().executionId()).isEqualTo("job-1");
        store.started(lookupId(1), "job-other"); // the first job recorded wins

        Instant end = T0.plusSeconds(2);
        List<Attached> waiting = store.finish(lookupId(1), "job-1", "completed", Map.of("verdict", "malicious"), end);
        assertThat(waiting).containsExactly(new Attached(first, false), new Attached(second, true));
        assertThat(store.finish(lookupId(1), "job-1", "failed", null, end.plusSeconds(1)))
                .as("an end is recorded once").isEmpty();
        assertThat(store.enrichments(first)).containsExactly(new Enrichment(first, IP, "workflow-rep", 1, "job-1",
                "completed", Map.of("verdict", "malicious"), end, end, false));
        assertThat(store.enrichments(second)).extracting(Enrichment::cached, Enrichment::status, Enrichment::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, "completed", end));
    }

    @Test
    void aCompletedLookupIsCachedUntilItIsOlderThanAskedAndAFailedOneNever() {
        String first = investigation();
        store.claim(first, KEY, lookupId(1), T0, T0.minus(Duration.ofHours(24)));
        Instant end = T0.plusSeconds(2);
        store.finish(lookupId(1), "job-1", "completed", List.of("seen"), end);

        String fresh = investigation();
        Instant later = T0.plus(Duration.ofHours(3));
        Claim cached = store.claim(fresh, KEY, lookupId(2), later, later.minus(Duration.ofHours(24)));
        assertThat(cached).isInstanceOf(Claim.Cached.class);
        assertThat(((Claim.Cached) cached).lookup().output()).isEqualTo(List.of("seen"));
        assertThat(store.enrichments(fresh)).singleElement().satisfies(e -> {
            assertThat(e.cached()).isTrue();
            assertThat(e.executionId()).isEqualTo("job-1");
            assertThat(e.at()).as("it arrived when attached").isEqualTo(later);
            assertThat(e.lookedUpAt()).isEqualTo(end);
        });

        String stale = investigation();
        Claim again = store.claim(stale, KEY, lookupId(3), later, end.plusMillis(1));
        assertThat(again).isInstanceOf(Claim.Claimed.class);
        store.finish(lookupId(3), "job-3", "failed", null, later.plusSeconds(1));
        assertThat(store.claim(investigation(), KEY, lookupId(4), later.plusSeconds(2), end.plusMillis(1)))
                .as("the failed lookup is not cached: a new one is claimed").isInstanceOf(Claim.Claimed.class);
        assertThat(store.claim(investigation(), new LookupKey("workflow-rep", 2, IP), lookupId(5), later,
                later.minus(Duration.ofHours(24)))).as("another version has its own lookups")
                .isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void claimsAtOnceOnTwoNodesRunOneLookup() throws Exception {
        // a second store on the same database: on PostgreSQL a node with its own writer, on SQLite a second process
        EnrichmentStore other = new JdbcEnrichmentStore(open());
        List<String> claimants = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            claimants.add(investigation());
        }
        List<Claim> claims = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Claim>> done = new ArrayList<>();
            for (int i = 0; i < claimants.size(); i++) {
                EnrichmentStore node = i % 2 == 0 ? store : other;
                String investigation = claimants.get(i);
                String lookup = lookupId(100 + i);
                done.add(pool.submit((Callable<Claim>) () -> node.claim(investigation, KEY, lookup, T0,
                        T0.minus(Duration.ofHours(24)))));
            }
            for (Future<Claim> claim : done) {
                claims.add(claim.get());
            }
        }
        assertThat(claims).filteredOn(Claim.Claimed.class::isInstance).hasSize(1);
        assertThat(claims).filteredOn(Claim.Running.class::isInstance).hasSize(15)
                .extracting(c -> ((Claim.Running) c).lookup().id()).containsOnly(claims.stream()
                        .filter(Claim.Claimed.class::isInstance).map(c -> ((Claim.Claimed) c).lookup().id())
                        .findFirst().orElseThrow());
    }
}
