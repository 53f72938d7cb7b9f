package dev.vigil.node;

import dev.vigil.Vigil;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.Executor;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.queue.Intake;
import dev.vigil.queue.WorkerPool;
import dev.vigil.store.JdbcJobStore;
import dev.vigil.store.JobStore;
import dev.vigil.store.HistoryRetention;
import java.time.Duration;

/**
 * One Vigil node: the durable store, the executor writing through it, the intake that accepts runs, the pool of
 * workers that runs them and the background purge of old history. The worker command runs one; the server adds
 * its API on top. Several nodes may share one PostgreSQL database.
 */
public final class VigilNode implements AutoCloseable {

    /**
     * @param jdbcUrl    where jobs live: {@code jdbc:sqlite:FILE} (embedded) or {@code jdbc:postgresql://...}
     * @param maxBacklog runs accepted but not started beyond which intake answers "saturated"
     */
    public record Config(String jdbcUrl, String nodeId, int workers, Duration lease, Duration pollInterval,
                         long maxBacklog, HistoryRetention.Policy retention) {

        public static Config defaults(String jdbcUrl, String nodeId) {
            return new Config(jdbcUrl, nodeId, 64, Duration.ofSeconds(30), Duration.ofSeconds(1), 100_000,
                    HistoryRetention.Policy.DEFAULT);
        }
    }

    private final JobStore store;
    private final Executor executor;
    private final WorkerPool workers;
    private final Intake intake;
    private final HistoryRetention retention;

    public VigilNode(Vigil vigil, Config config, EngineClock clock, WorkflowResolver resolver) {
        this.store = JdbcJobStore.open(config.jdbcUrl());
        this.executor = vigil.executor(clock, store, resolver);
        this.workers = new WorkerPool(store, executor, vigil.parser(), clock,
                new WorkerPool.Settings(config.nodeId(), config.workers(), config.lease(), config.pollInterval()));
        this.intake = new Intake(store, executor, clock, config.maxBacklog(), workers::wake);
        this.retention = new HistoryRetention(store, clock, config.retention());
    }

    public VigilNode start() {
        workers.start();
        retention.start();
        return this;
    }

    public JobStore store() {
        return store;
    }

    public Executor executor() {
        return executor;
    }

    public Intake intake() {
        return intake;
    }

    public WorkerPool workers() {
        return workers;
    }

    @Override
    public void close() {
        retention.close();
        workers.close();
        store.close();
    }
}
