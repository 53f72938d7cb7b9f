package dev.vigil.webhook;

import java.time.Instant;

/**
 * The one thing stored per webhook: its secret's generation. The secret itself is derived from the master key
 * ({@link WebhookSecrets}), so the database holds nothing that signs a request. Implemented by
 * {@code dev.vigil.store.JdbcWebhookStore} on the job store's database.
 */
public interface WebhookStore {

    /** The generation of the workflow's secret: 1 until it is first rotated, also for ids no workflow has. */
    int generation(String workflowId);

    /** Moves the workflow to its next generation (the old secret stops working) and returns it. */
    int rotate(String workflowId, String actor, Instant at);

    /**
     * Records a verified request's signature; false when it was recorded before (a replay). Signatures received
     * before {@code forgetBefore} are forgotten in the same step: their timestamps are refused anyway.
     */
    boolean firstDelivery(String signature, String workflowId, Instant at, Instant forgetBefore);
}
