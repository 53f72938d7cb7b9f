package dev.vigil.api;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.StepExecution;
import dev.vigil.store.JobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * What {@code /metrics} shows, in Prometheus' text format: jobs accepted (by trigger) and finished (by status),
 * job run times, jobs queued and running, alerts received. The counts of queued and running jobs are read from
 * the store when Prometheus scrapes, so every node reports the shared database's figures.
 */
public final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public ServerMetrics(JobStore store) {
        Gauge.builder("vigil_jobs_queued", store, s -> s.count(ExecutionStatus.PENDING, ExecutionStatus.QUEUED))
                .description("jobs accepted and not started yet").register(registry);
        Gauge.builder("vigil_jobs_running", store, s -> s.count(ExecutionStatus.RUNNING))
                .description("jobs running now, on any node").register(registry);
        Gauge.builder("vigil_jobs_waiting", store, s -> s.count(ExecutionStatus.WAITING,
                        ExecutionStatus.WAITING_FOR_INPUT, ExecutionStatus.WAITING_FOR_CHILD))
                .description("jobs paused on a wait or a human decision").register(registry);
    }

    /**
     * A job was accepted (committed) by this node's intake, whatever started it (API, alert, webhook, schedule);
     * the rate of this counter is the intake rate.
     */
    public void accepted(ExecutionRecord job) {
        Counter.builder("vigil_jobs_accepted").description("jobs accepted, by trigger")
                .tag("trigger", job.triggeredBy() == null ? "unknown" : job.triggeredBy())
                .tag("test", Boolean.toString(job.testRun())).register(registry).increment();
    }

    /** A job of this node ended. */
    public void finished(ExecutionRecord record) {
        Counter.builder("vigil_jobs_finished").description("jobs ended on this node, by status")
                .tag("status", record.status().wire()).register(registry).increment();
        if (record.startedAt() != null && record.finishedAt() != null) {
            Timer.builder("vigil_job_duration").description("run time of jobs ended on this node")
                    .tag("status", record.status().wire()).register(registry)
                    .record(Duration.between(record.startedAt(), record.finishedAt()));
        }
    }

    /** A step of this node ended. */
    public void stepEnded(StepExecution step) {
        if (step.startedAt() != null && step.finishedAt() != null) {
            Timer.builder("vigil_step_duration").description("run time of steps ended on this node, by step type")
                    .tag("type", step.type() == null ? "unknown" : step.type()).tag("status", step.status().wire())
                    .register(registry).record(Duration.between(step.startedAt(), step.finishedAt()));
        }
    }

    public void alertsReceived(int alerts, int duplicates) {
        Counter.builder("vigil_alerts_received").description("alerts received").register(registry).increment(alerts);
        Counter.builder("vigil_alerts_duplicate").description("alerts received within the dedup window of an "
                + "identical one").register(registry).increment(duplicates);
    }

    String scrape() {
        return registry.scrape();
    }
}
