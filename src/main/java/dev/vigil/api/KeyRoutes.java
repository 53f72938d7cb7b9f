package dev.vigil.api;

import dev.vigil.auth.ApiKeyInfo;
import dev.vigil.auth.ApiKeys;
import dev.vigil.auth.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API keys, for admins: list (never a key or a hash), create (the key is shown once, in this answer only), revoke.
 * The last active admin key cannot be revoked: that would lock everyone out of key management.
 */
final class KeyRoutes {

    record CreateKey(String name, String role) {
    }

    private final ApiKeys keys;

    KeyRoutes(ApiKeys keys) {
        this.keys = keys;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/keys", ctx -> ctx.json(Map.of("keys", keys.list().stream().map(KeyRoutes::json).toList())),
                Access.ADMIN);
        routes.post("/api/keys", this::create, Access.ADMIN);
        routes.delete("/api/keys/{keyId}", this::revoke, Access.ADMIN);
    }

    private void create(Context ctx) {
        CreateKey body = JsonBodies.read(ctx, CreateKey.class, false);
        if (body.role() == null) {
            throw ApiError.badRequest("field 'role' is required: admin, editor, responder or viewer",
                    Map.of("field", "role"));
        }
        ApiKeys.Created created = keys.create(body.name(), Role.parse(body.role()), Guard.caller(ctx).actor());
        Map<String, Object> json = json(created.info());
        json.put("key", created.key());
        json.put("message", "this is the only time the key is shown: store it now");
        ctx.status(201).json(json);
    }

    private void revoke(Context ctx) {
        String id = ctx.pathParam("keyId");
        ApiKeyInfo key = keys.list().stream().filter(k -> k.id().equals(id) && k.active()).findFirst()
                .orElseThrow(() -> ApiError.notFound("no active API key with id '" + id + "'"));
        long activeAdmins = keys.list().stream().filter(k -> k.active() && k.role() == Role.ADMIN).count();
        if (key.role() == Role.ADMIN && activeAdmins == 1) {
            throw ApiError.conflict("key '" + id + "' is the last active admin key; create another admin key first",
                    Map.of("role", "admin"));
        }
        keys.revoke(id, Guard.caller(ctx).actor());
        ctx.json(Map.of("id", id, "revoked", true));
    }

    private static Map<String, Object> json(ApiKeyInfo key) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", key.id());
        json.put("name", key.name());
        json.put("role", key.role().id());
        json.put("active", key.active());
        json.put("createdAt", text(key.createdAt()));
        json.put("createdBy", key.createdBy());
        json.put("lastUsedAt", text(key.lastUsedAt()));
        json.put("revokedAt", text(key.revokedAt()));
        json.put("revokedBy", key.revokedBy());
        return json;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
