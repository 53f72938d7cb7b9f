package dev.vigil.cli;

import dev.vigil.Vigil;
import dev.vigil.api.ApiServer;
import dev.vigil.api.VigilServer;
import dev.vigil.engine.EngineClock;
import dev.vigil.model.ByteSizes;
import dev.vigil.model.Durations;
import dev.vigil.node.VigilNode;
import dev.vigil.store.HistoryRetention;
import dev.vigil.store.StoreFailure;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import dev.vigil.connectors.ConnectorProblem;
import dev.vigil.secrets.SecretBox;
import java.util.ArrayList;
import java.util.List;

/** {@code vigil server}: the API, the workers and the scheduler in one process, on the embedded database by default. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run Vigil: the API on http://HOST:PORT, the workers and the scheduler.")
public final class ServerCommand implements Callable<Integer> {

    @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port to listen on, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port = 8080;

    @Option(names = "--data", description = "folder for the embedded database and the first admin key "
            + "(default: ${DEFAULT-VALUE})")
    Path data = Path.of("data");

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "jdbc:postgresql://HOST/DB to share a PostgreSQL "
            + "database between nodes (default: $VIGIL_DB_URL, else SQLite in the data folder)")
    String db;

    @Option(names = "--workers", description = "jobs run at once on this node (default: ${DEFAULT-VALUE})")
    int workers = 64;

    @Option(names = "--max-body", description = "largest request body accepted (default: ${DEFAULT-VALUE})")
    String maxBody = "10mb";

    @Option(names = "--dedup-window", description = "an alert with the dedup key of one received this long before "
            + "is a duplicate and starts nothing (default: ${DEFAULT-VALUE})")
    String dedupWindow = "5m";

    @Option(names = "--webhook-tolerance", description = "how far a webhook request's signed timestamp may be from "
            + "this node's clock; older requests are refused as replays (default: ${DEFAULT-VALUE})")
    String webhookTolerance = "5m";

    @Option(names = "--investigation-window", description = "an alert joins the open investigation of its rule and "
            + "entity whose last alert came in less than this before it; else it opens one (default: ${DEFAULT-VALUE})")
    String investigationWindow = "1h";

    @Option(names = "--enrichment-ttl", description = "an indicator workflow's completed run on an indicator is reused "
            + "for that indicator this long instead of running again; 0s turns the cache off, though a run in progress "
            + "is still shared (default: ${DEFAULT-VALUE})")
    String enrichmentTtl = "24h";

    @Option(names = "--connectors", paramLabel = "DIR", description = "folder of connector YAML files loaded at start"
            + " (default: <data>/connectors)")
    Path connectors;

    @Option(names = "--public-url", paramLabel = "URL", description = "this server's URL as people reach it "
            + "(https://vigil.example.com), for the decision links Vigil mails (default: the address it listens on)")
    String publicUrl;

    @Option(names = "--node-id", description = "this node's name in leases (default: host name and a random suffix)")
    String nodeId;

    @Override
    public Integer call() throws Exception {
        String url = db != null ? db : System.getenv().getOrDefault("VIGIL_DB_URL",
                "jdbc:sqlite:" + data.resolve("vigil.db"));
        String node = nodeId != null ? nodeId
                : InetAddress.getLocalHost().getHostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        long bodyLimit;
        try {
            bodyLimit = ByteSizes.parse(maxBody);
        } catch (IllegalArgumentException e) {
            System.err.println("vigil server: --max-body " + maxBody + ": " + e.getMessage());
            return 2;
        }
        Duration tolerance;
        try {
            tolerance = Durations.parse(webhookTolerance);
        } catch (IllegalArgumentException e) {
            System.err.println("vigil server: --webhook-tolerance " + webhookTolerance + ": " + e.getMessage());
            return 2;
        }
        Duration ttl;
        try {
            ttl = Durations.parse(enrichmentTtl);
        } catch (IllegalArgumentException e) {
            System.err.println("vigil server: --enrichment-ttl " + enrichmentTtl + ": " + e.getMessage());
            return 2;
        }
        VigilServer.Config config = new VigilServer.Config(
                new VigilNode.Config(url, node, workers, Duration.ofSeconds(30), Duration.ofSeconds(1), 100_000,
                        HistoryRetention.Policy.DEFAULT),
                new ApiServer.Settings(host, port, bodyLimit), data, System.getenv(), Durations.parse(dedupWindow),
                tolerance, Durations.parse(investigationWindow), ttl,
                connectors != null ? connectors : data.resolve("connectors"), publicUrl);
        VigilServer server;
        try {
            java.nio.file.Files.createDirectories(data);
            server = VigilServer.standard(config, EngineClock.system()).start();
        } catch (StoreFailure | ConnectorProblem | SecretBox.SecretUnreadable e) {
            System.err.println("vigil server: " + e.getMessage());
            return 1;
        }
        List<String> lines = new ArrayList<>(List.of("vigil server listening on http://" + host + ":" + server.port()
                + " (jobs in " + JdbcUrls.redact(url) + ")", server.keysMessage(), server.webhooksMessage()));
        lines.addAll(server.connectorsMessages());
        UntilStopped.run(server, lines.toArray(String[]::new));
        return 0;
    }
}
