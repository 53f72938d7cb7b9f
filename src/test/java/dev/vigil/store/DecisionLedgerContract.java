package dev.vigil.store;

import static dev.vigil.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.ExecutionRecord;
import org.junit.jupiter.api.Test;

/** The decision trail: once-per-decision events are written once, whichever node (ledger) writes them. */
interface DecisionLedgerContract extends StoreFixture {

    @Test
    default void aRequestAndATimeoutAreRecordedOnceAcrossLedgersAndNotesEachTime() {
        ExecutionRecord job = created("wf", T0);
        DecisionLedger node1 = new JdbcDecisionLedger(store());
        DecisionLedger node2 = new JdbcDecisionLedger(store());

        assertThat(node1.requested(job.id(), "triage", T0, "decision")).isTrue();
        assertThat(node2.requested(job.id(), "triage", T0.plusSeconds(1), "decision")).as("asked before").isFalse();
        assertThat(node1.requested(job.id(), "other", T0, "waitForApproval")).as("another step").isTrue();
        DecisionLedger.Entry timedOut = new DecisionLedger.Entry(job.id(), "triage", T0.plusSeconds(60), "timed-out",
                "timeout", "timeout", "monitor", "default path 'monitor' taken");
        assertThat(node2.recordOnce(timedOut)).isTrue();
        assertThat(node1.recordOnce(timedOut)).isFalse();
        DecisionLedger.Entry posted = new DecisionLedger.Entry(job.id(), "triage", T0.plusSeconds(2), "posted",
                "vigil", "slack", null, "posted to C0SOC");
        node1.note(posted);
        node1.note(posted);
        // an answer attempt records the request only if nobody did
        node2.record(new DecisionLedger.Entry(job.id(), "triage", T0.plusSeconds(3), "answered", "user:alice", "api",
                "isolate", null), T0, "decision");

        assertThat(node1.entries(job.id())).extracting(e -> e.event() + " " + e.stepPath()).containsExactly(
                "requested other", "requested triage", "posted triage", "posted triage", "answered triage",
                "timed-out triage");
    }
}
