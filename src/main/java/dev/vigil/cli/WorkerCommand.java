package dev.vigil.cli;

import dev.vigil.Vigil;
import dev.vigil.cases.CaseBinding;
import dev.vigil.connectors.ConnectorBinding;
import dev.vigil.connectors.ConnectorService;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.secrets.SecretBox;
import dev.vigil.steps.http.HttpStep;
import dev.vigil.store.JdbcConnectorStore;
import dev.vigil.cases.CaseService;
import dev.vigil.store.JdbcCaseStore;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.model.Durations;
import dev.vigil.node.VigilNode;
import dev.vigil.store.HistoryRetention;
import dev.vigil.store.StoreFailure;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil worker}: runs the jobs of a store and nothing else (no API). Several workers, on one machine or
 * many, may share one PostgreSQL database; each claims work under a lease.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run the queued, due and orphaned jobs of a Vigil database until stopped.")
public final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB (default: $VIGIL_DB_URL, else "
                    + "jdbc:sqlite:data/vigil.db)")
    String db;

    @Option(names = "--workers", description = "jobs run at once on this node (default: ${DEFAULT-VALUE})")
    int workers = 64;

    @Option(names = "--lease", description = "how long a claim lasts without a heartbeat (default: ${DEFAULT-VALUE})")
    String lease = "30s";

    @Option(names = "--poll", description = "how often to look for due jobs (default: ${DEFAULT-VALUE})")
    String poll = "1s";

    @Option(names = "--node-id", description = "this node's name in leases (default: host name and a random suffix)")
    String nodeId;

    @Option(names = "--keep-days", description = "purge finished jobs older than this (default: ${DEFAULT-VALUE})")
    int keepDays = 30;

    @Option(names = "--keep-jobs", description = "keep at most this many finished jobs (default: ${DEFAULT-VALUE})")
    int keepJobs = 100_000;

    @Option(names = "--data", description = "folder holding the connector secrets key (secrets-key), unless "
            + "VIGIL_SECRETS_KEY is set; the servers' key must be used (default: ${DEFAULT-VALUE})")
    java.nio.file.Path data = java.nio.file.Path.of("data");

    @Override
    public Integer call() throws Exception {
        String url = db != null ? db : System.getenv().getOrDefault("VIGIL_DB_URL", "jdbc:sqlite:data/vigil.db");
        String node = nodeId != null ? nodeId
                : InetAddress.getLocalHost().getHostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        HistoryRetention.Policy retention = new HistoryRetention.Policy(Duration.ofDays(keepDays), keepJobs,
                HistoryRetention.Policy.DEFAULT.interval(), HistoryRetention.Policy.DEFAULT.batchSize(),
                HistoryRetention.Policy.DEFAULT.pause());
        VigilNode.Config config = new VigilNode.Config(url, node, workers, Durations.parse(lease),
                Durations.parse(poll), 100_000, retention);
        VigilNode started;
        try {
            // a worker runs what the servers accept, so it has the same case and connector steps, on the shared
            // database, with the servers' secrets key
            CaseBinding cases = new CaseBinding();
            ConnectorBinding connectors = new ConnectorBinding();
            VigilNode built = new VigilNode(Vigil.forServer(cases, connectors), config, EngineClock.system(),
                    WorkflowResolver.NONE);
            cases.bind(new CaseService(new JdbcCaseStore(built.database()), EngineClock.system()::now));
            connectors.bind(new ConnectorService(new JdbcConnectorStore(built.database()),
                    SecretBox.load(System.getenv(), data), ConnectorTypes.standard(), HttpStep.defaultClient(),
                    EngineClock.system()::now));
            started = built.start();
        } catch (StoreFailure | SecretBox.SecretUnreadable e) {
            System.err.println("vigil worker: " + e.getMessage());
            return 1;
        }
        UntilStopped.run(started, "vigil worker " + node + " running jobs of " + JdbcUrls.redact(url) + " with "
                + workers + " workers");
        return 0;
    }
}
