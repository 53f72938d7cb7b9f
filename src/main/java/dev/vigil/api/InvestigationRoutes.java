package dev.vigil.api;

import dev.vigil.investigations.Investigation;
import dev.vigil.investigations.InvestigationEvents;
import dev.vigil.investigations.InvestigationJson;
import dev.vigil.investigations.InvestigationService;
import dev.vigil.investigations.InvestigationStatus;
import dev.vigil.investigations.InvestigationStore;
import dev.vigil.investigations.Priority;
import dev.vigil.alert.AlertIntake;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.RunRequest;
import dev.vigil.enrichment.EnrichmentJson;
import dev.vigil.enrichment.Enrichments;
import dev.vigil.model.Trigger;
import dev.vigil.queue.Intake;
import dev.vigil.workflows.ActiveWorkflow;
import dev.vigil.workflows.WorkflowManager;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Investigations over HTTP: list, read with the enrichments and the timeline, comment, change status, priority or
 * assignee, and take action.
 */
final class InvestigationRoutes {

    private static final int MAX_SIZE = 100;

    record Comment(String comment) {
    }

    record Update(String status, String priority, String assignee) {
    }

    record TakeAction(String workflowId, Map<String, Object> inputs) {
    }

    private final InvestigationService investigations;
    private final Enrichments enrichments;
    private final WorkflowManager workflows;
    private final AlertIntake alerts;
    private final Intake intake;

    InvestigationRoutes(InvestigationService investigations, Enrichments enrichments, WorkflowManager workflows,
                        AlertIntake alerts, Intake intake) {
        this.investigations = investigations;
        this.enrichments = enrichments;
        this.workflows = workflows;
        this.alerts = alerts;
        this.intake = intake;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/investigations", this::list, Access.READ);
        routes.get("/api/investigations/{investigationId}", ctx -> ctx.json(withTimeline(id(ctx))), Access.READ);
        routes.post("/api/investigations/{investigationId}/comments", ctx -> {
            Comment body = JsonBodies.read(ctx, Comment.class, false);
            investigations.comment(id(ctx), body.comment(), Guard.caller(ctx).actor());
            ctx.status(201).json(withTimeline(id(ctx)));
        }, Access.RUN);
        routes.patch("/api/investigations/{investigationId}", ctx -> {
            Update body = JsonBodies.read(ctx, Update.class, false);
            investigations.update(id(ctx), body.status() == null ? null : InvestigationStatus.parse(body.status()),
                    body.priority() == null ? null : Priority.parse(body.priority()), body.assignee(),
                    Guard.caller(ctx).actor());
            ctx.json(withTimeline(id(ctx)));
        }, Access.RUN);
        routes.post("/api/investigations/{investigationId}/actions", this::takeAction, Access.RUN);
    }

    /**
     * "Take action": runs an active workflow that has a manual trigger on the investigation. Its event is
     * {@code {investigation, alerts}} (every alert document of the investigation, oldest first); the job is on the
     * investigation's timeline from the start, and its end is added when it finishes.
     */
    private void takeAction(Context ctx) {
        TakeAction body = JsonBodies.read(ctx, TakeAction.class, false);
        if (body.workflowId() == null || body.workflowId().isBlank()) {
            throw ApiError.badRequest("field 'workflowId' is required", Map.of("field", "workflowId"));
        }
        Investigation investigation = investigations.get(id(ctx));
        ActiveWorkflow active = workflows.activeVersion(body.workflowId());
        if (active.workflow().triggers().stream().noneMatch(t -> t instanceof Trigger.Manual)) {
            throw ApiError.conflict("workflow '" + body.workflowId() + "' has no manual trigger, so it cannot be run "
                    + "on an investigation", Map.of("workflowId", body.workflowId()));
        }
        Map<String, Object> inputs = WorkflowRoutes.checkedInputs(active.workflow(), body.inputs());
        List<Object> documents = new ArrayList<>();
        for (String alertId : investigation.alertIds()) {
            alerts.alert(alertId).ifPresent(alert -> {
                if (alert.body().get("alerts") instanceof List<?> list) {
                    documents.addAll(list);
                }
            });
        }
        Map<String, Object> event = InvestigationEvents.of(investigation, documents);
        String actor = Guard.caller(ctx).actor();
        ExecutionRecord job = intake.submit(active.workflow(), active.source(), new RunRequest(body.workflowId(),
                inputs, event, "investigation", actor, false, Map.of("investigationId", investigation.id()), null,
                false, null));
        investigations.jobStarted(investigation.id(), job.id(), body.workflowId(), actor, job.createdAt());
        ctx.json(Map.of("workflowExecutionId", job.id(), "investigationId", investigation.id()));
    }

    private void list(Context ctx) {
        String status = ctx.queryParam("status");
        InvestigationStore.Page page = investigations.find(
                status == null || status.isBlank() ? null : InvestigationStatus.parse(status),
                Params.integer(ctx, "page", 1, 1, Integer.MAX_VALUE), Params.integer(ctx, "size", 20, 1, MAX_SIZE));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("investigations", page.investigations().stream().map(InvestigationJson::toValue).toList());
        json.put("page", page.page());
        json.put("size", page.size());
        json.put("total", page.total());
        ctx.json(json);
    }

    private Map<String, Object> withTimeline(String id) {
        Investigation investigation = investigations.get(id);
        Map<String, Object> json = InvestigationJson.toValue(investigation);
        // enrichments first: reading them records runs that ended unrecorded, and their timeline entries
        json.put("enrichments", enrichments.of(id).stream().map(EnrichmentJson::toValue).toList());
        json.put("timeline", investigations.timeline(id).stream().map(InvestigationJson::toValue).toList());
        return json;
    }

    private static String id(Context ctx) {
        return ctx.pathParam("investigationId");
    }
}
