package dev.vigil.api;

import dev.vigil.alert.AlertIntake;
import dev.vigil.queue.Intake;
import dev.vigil.store.AlertStore;
import dev.vigil.workflows.WorkflowManager;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/alerts}: one alert, an Elastic alert event ({@code {alerts, rule, params, spaceId}}), or a batch
 * (a JSON array: each element is an alert or an event of its own, deduplicated and routed on its own). Each is
 * committed before the 202 answer, then routed to every active workflow whose alert trigger matches; a duplicate
 * (same dedup key within the window) is recorded and starts nothing.
 */
final class AlertRoutes {

    private static final int MAX_BATCH = 1_000;

    private final AlertIntake alerts;
    private final WorkflowManager workflows;
    private final Intake intake;
    private final ServerMetrics metrics;

    AlertRoutes(AlertIntake alerts, WorkflowManager workflows, Intake intake, ServerMetrics metrics) {
        this.alerts = alerts;
        this.workflows = workflows;
        this.intake = intake;
        this.metrics = metrics;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/alerts", this::post, Access.RUN);
    }

    private void post(Context ctx) {
        Object body = JsonBodies.readAny(ctx);
        List<Object> payloads = body instanceof List<?> list ? new ArrayList<>(list) : List.of(body);
        if (payloads.isEmpty()) {
            throw ApiError.badRequest("the batch is empty: send an alert, an alert event or an array of them");
        }
        if (payloads.size() > MAX_BATCH) {
            throw ApiError.badRequest("at most " + MAX_BATCH + " alerts per request, not " + payloads.size());
        }
        for (int i = 0; i < payloads.size(); i++) {
            if (!(payloads.get(i) instanceof Map<?, ?>)) {
                throw ApiError.badRequest("alert " + (body instanceof List<?> ? "[" + i + "] " : "")
                        + "is not a JSON object", Map.of("index", i));
            }
        }
        String dedupKey = ctx.queryParam("dedupKey");
        if (dedupKey != null && payloads.size() > 1) {
            throw ApiError.badRequest("dedupKey names one alert; a batch takes each alert's own key");
        }
        List<AlertIntake.ActiveWorkflow> active = workflows.activeWorkflows().stream()
                .map(a -> new AlertIntake.ActiveWorkflow(a.id(), a.version(), a.workflow(), a.source())).toList();
        String owner = Guard.caller(ctx).actor();
        List<Map<String, Object>> answers = new ArrayList<>();
        int duplicates = 0;
        for (Object payload : payloads) {
            AlertIntake.Accepted accepted = alerts.accept(payload, dedupKey, owner, active,
                    (workflow, request) -> intake.submit(workflow.workflow(), workflow.source(), request).id());
            duplicates += accepted.alert().duplicate() ? 1 : 0;
            answers.add(answer(accepted));
        }
        metrics.alertsReceived(payloads.size(), duplicates);
        ctx.status(202).json(Map.of("alerts", answers));
    }

    private static Map<String, Object> answer(AlertIntake.Accepted accepted) {
        AlertStore.Alert alert = accepted.alert();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", alert.id());
        json.put("receivedAt", alert.receivedAt().toString());
        json.put("ruleId", alert.ruleId());
        json.put("ruleName", alert.ruleName());
        json.put("dedupKey", alert.dedupKey());
        json.put("duplicate", alert.duplicate());
        json.put("duplicateOf", alert.duplicateOf());
        json.put("investigationId", accepted.investigationId());
        json.put("jobs", accepted.jobs().stream()
                .map(job -> Map.of("workflowId", job.workflowId(), "executionId", job.executionId())).toList());
        json.put("problems", accepted.problems());
        return json;
    }
}
