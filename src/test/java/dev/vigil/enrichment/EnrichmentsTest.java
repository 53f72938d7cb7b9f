package dev.vigil.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Ids;
import dev.vigil.engine.ManualClock;
import dev.vigil.engine.RunRequest;
import dev.vigil.engine.StepExecution;
import dev.vigil.investigations.Investigation;
import dev.vigil.investigations.InvestigationJson;
import dev.vigil.investigations.InvestigationService;
import dev.vigil.investigations.TimelineEntry;
import dev.vigil.store.JdbcEnrichmentStore;
import dev.vigil.store.JdbcInvestigationStore;
import dev.vigil.store.JdbcJobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Enrichments} on a real SQLite store, with jobs created in the job store but no worker: the cases where a
 * job's end is not reported (it ended elsewhere) or a claim's job never started, which the API tests cannot reach.
 */
class EnrichmentsTest {

    private static final Investigation.Indicator IP = new Investigation.Indicator("ipv4", "185.220.101.4");
    private static final String SOURCE = "name: rep\ntriggers: [{type: indicator, with: {types: [ipv4]}}]\n"
            + "steps: [{name: lookup, type: console, with: {message: x}}]\n";

    @TempDir
    Path dir;
    private JdbcJobStore jobs;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    private InvestigationService investigations;
    private Enrichments enrichments;
    private final List<RunRequest> started = new ArrayList<>();
    private int hosts;

    @BeforeEach
    void open() {
        jobs = JdbcJobStore.open("jdbc:sqlite:" + dir.resolve("vigil.db"));
        investigations = new InvestigationService(new JdbcInvestigationStore(jobs), clock::now, Duration.ofHours(1));
        enrichments = new Enrichments(new JdbcEnrichmentStore(jobs), investigations, jobs, clock::now,
                Duration.ofHours(24));
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    private Investigation investigation() {
        String host = "wks-" + (++hosts);
        return investigations.groupAlert(Map.of("alerts", List.of(Map.of("kibana.alert.rule.name", "Beacon",
                "host.name", host, "source.ip", IP.value()))), "alert-" + host, clock.now(), "siem").investigation();
    }

    /** Creates the job in the store as the intake would, and returns its id. */
    private String start(RunRequest request) {
        started.add(request);
        Instant now = clock.now();
        ExecutionRecord record = new ExecutionRecord(Ids.next(now.toEpochMilli()), request.workflowId(), "rep",
                ExecutionStatus.PENDING, request.triggeredBy(), request.executedBy(), false, now, null, null,
                request.inputs(), request.event(), null, null, request.metadata());
        return jobs.create(record, SOURCE, now, null).id();
    }

    /** Ends the job in the store only, as a worker elsewhere would, without telling {@code enrichments}. */
    private void endElsewhere(String executionId, ExecutionStatus status, Object lastStepOutput) {
        ExecutionRecord job = jobs.execution(executionId).orElseThrow();
        jobs.saveStep(new StepExecution(executionId + "-s1", executionId, "lookup", "lookup", "console", status, 0, 0,
                clock.now(), clock.now(), Map.of(), lastStepOutput, null, null, false));
        jobs.saveExecution(new ExecutionRecord(job.id(), job.workflowId(), job.workflowName(), status,
                job.triggeredBy(), job.executedBy(), false, job.createdAt(), clock.now(), clock.now(), job.inputs(),
                job.event(), null, null, job.metadata()));
    }

    private Enrichments.How enrich(Investigation investigation) {
        return enrichments.enrich(investigation, IP, "workflow-rep", 1, "siem", this::start);
    }

    @Test
    void aRunThatEndedUnreportedIsRecordedWhenAnInvestigationIsReadOrTheKeyClaimed() {
        Investigation first = investigation();
        assertThat(enrich(first)).isEqualTo(Enrichments.How.RAN);
        String job = jobIdOf(first);
        assertThat(started.getFirst().metadata()).containsEntry("investigationId", first.id())
                .containsKey(Enrichments.LOOKUP_ID);
        assertThat(started.getFirst().triggeredBy()).isEqualTo("indicator");
        assertThat(started.getFirst().event()).isEqualTo(Map.of("indicator", Map.of("type", "ipv4", "value",
                IP.value()), "investigation", InvestigationJson.toValue(first)));
        Investigation second = investigation();
        assertThat(enrich(second)).as("the first run is still going: the second waits for it")
                .isEqualTo(Enrichments.How.JOINED);

        endElsewhere(job, ExecutionStatus.COMPLETED, Map.of("verdict", "malicious"));
        List<Enrichment> read = enrichments.of(first.id());
        assertThat(read).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo("completed");
            assertThat(e.output()).as("no workflow.output: the last top-level step's output")
                    .isEqualTo(Map.of("verdict", "malicious"));
            assertThat(e.cached()).isFalse();
        });
        assertThat(enrichments.of(second.id())).singleElement().satisfies(e -> assertThat(e.cached()).isTrue());
        assertThat(investigations.timeline(second.id())).extracting(TimelineEntry::kind)
                .containsExactly(TimelineEntry.Kind.ALERT_ADDED, TimelineEntry.Kind.ENRICHED);

        Investigation third = investigation();
        assertThat(enrich(third)).isEqualTo(Enrichments.How.CACHED);
        assertThat(started).hasSize(1);
    }

    @Test
    void aClaimWhoseJobNeverStartedIsGivenUpAfterTheGraceAndTheNextInvestigationRunsIt() {
        Investigation first = investigation();
        assertThatThrownBy(() -> enrichments.enrich(first, IP, "workflow-rep", 1, "siem", request -> {
            throw new IllegalStateException("queue full");
        })).hasMessage("queue full");
        assertThat(enrichments.of(first.id())).singleElement().satisfies(e -> {
            assertThat(e.status()).as("a job that could not start is a failed lookup").isEqualTo("failed");
            assertThat(e.executionId()).isNull();
        });
        assertThat(enrich(investigation())).as("a failure is not cached").isEqualTo(Enrichments.How.RAN);

        // a claim whose node died before its job was accepted: a running lookup without a job
        Investigation orphan = investigation();
        new JdbcEnrichmentStore(jobs).claim(orphan.id(), new LookupKey("workflow-rep", 2, IP), "lookup-orphan",
                clock.now(), clock.now());
        Investigation waiting = investigation();
        assertThat(enrichments.enrich(waiting, IP, "workflow-rep", 2, "siem", this::start))
                .as("within the grace the claim may still get its job").isEqualTo(Enrichments.How.JOINED);
        clock.advance(Enrichments.CLAIM_GRACE.plusSeconds(1));
        Investigation later = investigation();
        assertThat(enrichments.enrich(later, IP, "workflow-rep", 2, "siem", this::start))
                .isEqualTo(Enrichments.How.RAN);
        assertThat(enrichments.of(waiting.id())).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo("failed"));
    }

    private String jobIdOf(Investigation investigation) {
        return investigations.timeline(investigation.id()).stream()
                .filter(e -> e.kind() == TimelineEntry.Kind.JOB_STARTED).findFirst().orElseThrow().refs()
                .get("executionId");
    }
}
