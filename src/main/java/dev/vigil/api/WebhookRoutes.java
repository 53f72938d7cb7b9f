package dev.vigil.api;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.RunRequest;
import dev.vigil.model.Trigger;
import dev.vigil.queue.Intake;
import dev.vigil.webhook.Webhooks;
import dev.vigil.workflows.ActiveWorkflow;
import dev.vigil.workflows.WorkflowManager;
import dev.vigil.workflows.WorkflowState;
import dev.vigil.workflows.WorkflowView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Webhooks: {@code POST /api/webhooks/{workflowId}} starts the workflow with the body as its {@code event}, for any
 * tool that can sign a request (a SIEM, an EDR, a script); and the admin's view of a workflow's URL and secret,
 * with rotation.
 *
 * <p>The webhook route has no API key ({@link Access#SIGNED}): the signature is checked first, before the
 * workflow is looked up, and every refusal of it is a 401 that reads the same whether the workflow exists or not.
 * Only a signed request learns that a workflow is missing, inactive or has no webhook trigger (404).
 */
final class WebhookRoutes {

    static final String TRIGGER = "webhook";

    private final Webhooks webhooks;
    private final WorkflowManager manager;
    private final Intake intake;

    WebhookRoutes(Webhooks webhooks, WorkflowManager manager, Intake intake) {
        this.webhooks = webhooks;
        this.manager = manager;
        this.intake = intake;
    }

    void register(RoutesConfig routes) {
        routes.post(Webhooks.PATH + "{workflowId}", this::receive, Access.SIGNED);
        routes.get("/api/workflows/workflow/{id}/webhook", this::describe, Access.ADMIN);
        routes.post("/api/workflows/workflow/{id}/webhook/rotate", this::rotate, Access.ADMIN);
    }

    private void receive(Context ctx) {
        String id = ctx.pathParam("workflowId");
        if (webhooks.verify(id, ctx.header(Webhooks.TIMESTAMP_HEADER), ctx.header(Webhooks.SIGNATURE_HEADER),
                ctx.bodyAsBytes()) instanceof Webhooks.Verdict.Refused refused) {
            ctx.header("WWW-Authenticate", "Signature header=\"" + Webhooks.SIGNATURE_HEADER + "\"");
            throw new ApiError(401, "unauthorized", refused.message(), Map.of());
        }
        ActiveWorkflow active = startable(id);
        Object event = JsonBodies.readAny(ctx);
        ExecutionRecord accepted = intake.submit(active.workflow(), active.source(),
                new RunRequest(id, Map.of(), event, TRIGGER, TRIGGER, false, null, null, false, null));
        ctx.status(202).json(Map.of("workflowExecutionId", accepted.id()));
    }

    /** The active version, if the workflow is ACTIVE and that version has a webhook trigger; else a 404 saying why. */
    private ActiveWorkflow startable(String id) {
        WorkflowView view = manager.get(id);
        if (view.state() != WorkflowState.ACTIVE) {
            throw ApiError.notFound("workflow '" + id + "' is " + view.state().name().toLowerCase()
                    + ": only an active workflow starts from its webhook");
        }
        ActiveWorkflow active = manager.activeVersion(id);
        if (active.workflow().trigger(Trigger.Webhook.class).isEmpty()) {
            throw ApiError.notFound("the active version (" + active.version() + ") of workflow '" + id
                    + "' has no webhook trigger: add '- type: webhook' to its triggers and activate it");
        }
        return active;
    }

    private void describe(Context ctx) {
        String id = existing(ctx);
        ctx.header("Cache-Control", "no-store"); // the answer holds a secret
        ctx.json(json(webhooks.describe(id)));
    }

    private void rotate(Context ctx) {
        String id = existing(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.json(json(webhooks.rotate(id, Guard.caller(ctx).actor())));
    }

    /** The workflow's id once it is known to exist (404 otherwise); its state does not matter to its secret. */
    private String existing(Context ctx) {
        return manager.get(ctx.pathParam("id")).id();
    }

    private static Map<String, Object> json(Webhooks.Webhook webhook) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", webhook.path());
        json.put("secret", webhook.secret());
        json.put("generation", webhook.generation());
        return json;
    }
}
