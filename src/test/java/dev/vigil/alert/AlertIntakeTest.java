package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.engine.Conditions;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Ids;
import dev.vigil.engine.ManualClock;
import dev.vigil.engine.RunRequest;
import dev.vigil.enrichment.Enrichments;
import dev.vigil.investigations.InvestigationService;
import dev.vigil.store.AlertStore;
import dev.vigil.store.JdbcInvestigationStore;
import dev.vigil.store.JdbcAlertStore;
import dev.vigil.store.JdbcEnrichmentStore;
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

/** The intake flow on a real SQLite store: alert committed, routed, jobs started and linked; duplicates start none. */
class AlertIntakeTest {

    private static final Vigil VIGIL = Vigil.standard();

    @TempDir
    Path dir;
    private JdbcJobStore jobs;
    private AlertStore alerts;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<RunRequest> started = new ArrayList<>();

    @BeforeEach
    void open() {
        jobs = JdbcJobStore.open("jdbc:sqlite:" + dir.resolve("vigil.db"));
        alerts = new JdbcAlertStore(jobs, AlertStore.DEFAULT_WINDOW);
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    private static AlertIntake.ActiveWorkflow active(String id, String trigger) {
        String source = """
                name: %s
                triggers:
                  - %s
                steps:
                  - {name: hello, type: console, with: {message: hi}}
                """.formatted(id, trigger);
        return new AlertIntake.ActiveWorkflow(id, 1, VIGIL.parser().parse(source).workflow(), source);
    }

    /** Creates the execution in the store as Intake.submit would, and returns its id. */
    private String start(AlertIntake.ActiveWorkflow workflow, RunRequest request) {
        started.add(request);
        Instant now = clock.now();
        ExecutionRecord record = new ExecutionRecord(Ids.next(now.toEpochMilli()), request.workflowId(),
                workflow.workflow().name(), ExecutionStatus.PENDING, request.triggeredBy(), request.executedBy(), false,
                now, null, null, request.inputs(), request.event(), null, null, request.metadata());
        return jobs.create(record, workflow.source(), now, null).id();
    }

    private AlertIntake intake() {
        InvestigationService investigations = new InvestigationService(new JdbcInvestigationStore(jobs), clock::now,
                InvestigationService.DEFAULT_WINDOW);
        Enrichments enrichments = new Enrichments(new JdbcEnrichmentStore(jobs), investigations, jobs, clock::now,
                Enrichments.DEFAULT_TTL);
        return new AlertIntake(alerts, VIGIL.alertRouter(), clock, investigations, new InvestigationTriggers(
                new Conditions(VIGIL.templates()), investigations, enrichments, clock::now));
    }

    private AlertIntake.Accepted accept(Object payload, List<AlertIntake.ActiveWorkflow> active) {
        return intake().accept(payload, null, "siem-key", active, this::start);
    }

    @Test
    void anOriginalStartsEveryMatchingWorkflowAndADuplicateNone() {
        List<AlertIntake.ActiveWorkflow> active = List.of(active("triage", "{type: alert, with: {rule_name: Malware}}"),
                active("contain", "{type: alert, on: {condition: 'alerts.kibana.alert.severity: critical'}}"),
                active("other", "{type: alert, with: {rule_name: Phishing}}"));
        Map<String, Object> payload = Map.of("kibana.alert.uuid", "u-1", "kibana.alert.rule.uuid", "r-1",
                "kibana.alert.rule.name", "Malware", "kibana.alert.severity", "critical");

        AlertIntake.Accepted first = accept(payload, active);
        assertThat(first.alert().duplicate()).isFalse();
        assertThat(first.alert().source()).isEqualTo("elastic");
        assertThat(first.alert().ruleId()).isEqualTo("r-1");
        assertThat(first.jobs()).extracting(AlertStore.Job::workflowId).containsExactly("triage", "contain");
        assertThat(alerts.jobs(first.alert().id())).containsExactlyInAnyOrderElementsOf(first.jobs());
        assertThat(started.getFirst().event()).isEqualTo(first.alert().body());
        assertThat(first.alert().body()).containsKeys("alerts", "rule", "params", "spaceId");
        assertThat(started.getFirst().triggeredBy()).isEqualTo("alert");

        clock.advance(Duration.ofMinutes(1));
        AlertIntake.Accepted again = accept(payload, active);
        assertThat(again.alert().duplicateOf()).isEqualTo(first.alert().id());
        assertThat(again.jobs()).isEmpty();
        assertThat(started).hasSize(2);

        clock.advance(Duration.ofMinutes(5));
        assertThat(accept(payload, active).jobs()).hasSize(2);
    }

    @Test
    void anExplicitKeyOverridesTheComputedOne() {
        AlertIntake intake = intake();
        List<AlertIntake.ActiveWorkflow> none = List.of();
        assertThat(intake.accept(Map.of("id", "1"), "ticket-7", "k", none, this::start).alert().duplicate()).isFalse();
        assertThat(intake.accept(Map.of("id", "2"), "ticket-7", "k", none, this::start).alert().duplicate()).isTrue();
        assertThat(intake.accept(Map.of("id", "1"), null, "k", none, this::start).alert().duplicate()).isFalse();
    }
}
