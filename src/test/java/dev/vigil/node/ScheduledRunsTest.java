package dev.vigil.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.model.Workflow;
import dev.vigil.schedule.ScheduledWorkflow;
import dev.vigil.store.HistoryRetention;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduled workflow on two nodes sharing one database, in real time: every slot fires exactly once, whichever
 * node claims it, and the runs complete.
 */
class ScheduledRunsTest {

    @TempDir
    Path dir;

    @Test
    void twoNodesOnOneDatabaseFireEverySlotOnce() throws Exception {
        Vigil vigil = Vigil.standard();
        String source = """
                name: Heartbeat check
                triggers:
                  - type: scheduled
                    with:
                      every: 1s
                steps:
                  - name: note
                    type: console
                    with:
                      message: "slot {{ event.scheduledAt }}"
                """;
        Workflow workflow = vigil.parser().parse(source).workflow();
        List<ScheduledWorkflow> active = List.of(new ScheduledWorkflow("heartbeat", workflow, source, Instant.now()));
        String url = "jdbc:sqlite:" + dir.resolve("vigil.db");
        List<VigilNode> nodes = new ArrayList<>();
        try {
            for (String id : List.of("node-a", "node-b")) {
                VigilNode.Config config = new VigilNode.Config(url, id, 4, Duration.ofSeconds(5),
                        Duration.ofMillis(50), 10_000, HistoryRetention.Policy.DEFAULT);
                nodes.add(new VigilNode(vigil, config, EngineClock.system(), WorkflowResolver.NONE, () -> active)
                        .start());
            }
            Thread.sleep(4_500);
        } finally {
            nodes.forEach(VigilNode::close);
        }

        Map<String, Integer> runsBySlot = new TreeMap<>();
        List<String> statuses = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url);
             ResultSet rows = db.createStatement().executeQuery("SELECT event, status FROM executions")) {
            while (rows.next()) {
                runsBySlot.merge(rows.getString(1), 1, Integer::sum);
                statuses.add(rows.getString(2));
            }
        }
        assertThat(runsBySlot).hasSizeBetween(3, 6);
        assertThat(runsBySlot.values()).as("runs per slot").containsOnly(1);
        assertThat(statuses).containsOnly(ExecutionStatus.COMPLETED.wire());
    }
}
