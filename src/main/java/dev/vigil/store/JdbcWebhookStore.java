package dev.vigil.store;

import dev.vigil.webhook.WebhookStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * Webhook secret generations in the job store's database (table {@code webhooks}, migration V5): writes through its
 * single writer, reads from its pool. A workflow without a row is at generation 1.
 */
public final class JdbcWebhookStore implements WebhookStore {

    private static final String SELECT = "SELECT generation FROM webhooks WHERE workflow_id = ?";
    /** One statement, so two nodes rotating at once end two generations further, not one. */
    private static final String ROTATE = "INSERT INTO webhooks (workflow_id, generation, rotated_at, rotated_by) "
            + "VALUES (?, 2, ?, ?) ON CONFLICT (workflow_id) DO UPDATE SET generation = webhooks.generation + 1, "
            + "rotated_at = excluded.rotated_at, rotated_by = excluded.rotated_by";

    private static final String DELIVERED = "INSERT INTO webhook_deliveries (signature, workflow_id, received_at) "
            + "VALUES (?, ?, ?) ON CONFLICT (signature) DO NOTHING";
    private static final String FORGET = "DELETE FROM webhook_deliveries WHERE received_at < ?";

    private final JdbcJobStore database;

    /** @param database the job store whose database (and single writer) holds the generations */
    public JdbcWebhookStore(JdbcJobStore database) {
        this.database = database;
    }

    @Override
    public int generation(String workflowId) {
        return database.read("read the webhook generation of workflow " + workflowId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT)) {
                select.setString(1, workflowId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getInt(1) : 1;
                }
            }
        });
    }

    @Override
    public int rotate(String workflowId, String actor, Instant at) {
        return database.writer().write("rotate the webhook secret of workflow " + workflowId, tx -> {
            PreparedStatement rotate = tx.prepare(ROTATE);
            rotate.setString(1, workflowId);
            EpochMicros.bind(rotate, 2, at);
            rotate.setString(3, actor);
            rotate.executeUpdate();
            PreparedStatement select = tx.prepare(SELECT);
            select.setString(1, workflowId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    @Override
    public boolean firstDelivery(String signature, String workflowId, Instant at, Instant forgetBefore) {
        return database.writer().write("record a webhook delivery to workflow " + workflowId, tx -> {
            PreparedStatement forget = tx.prepare(FORGET);
            EpochMicros.bind(forget, 1, forgetBefore);
            forget.executeUpdate();
            PreparedStatement insert = tx.prepare(DELIVERED);
            insert.setString(1, signature);
            insert.setString(2, workflowId);
            EpochMicros.bind(insert, 3, at);
            return insert.executeUpdate() == 1;
        });
    }
}
