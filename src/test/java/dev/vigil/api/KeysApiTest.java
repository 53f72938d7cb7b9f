package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.auth.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API keys managed over HTTP: created once, used at once with their role, revoked at once; never shown again. */
class KeysApiTest extends ApiTest {

    @Test
    void anAdminCreatesAViewerKeyThatReadsButCannotWriteAndIsRevokedAtOnce() {
        ApiFixture.Answer created = api.post("/api/keys", ApiFixture.ADMIN, "{\"name\": \"siem\", \"role\": \"viewer\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = (String) created.map().get("key");
        String id = (String) created.map().get("id");
        assertThat(key).startsWith("vgl_");

        assertThat(api.get("/api/workflows", key).status()).isEqualTo(200);
        ApiFixture.Answer write = api.post("/api/workflows/workflow", key, "{\"yaml\": \"name: x\"}");
        assertThat(write.status()).isEqualTo(403);
        assertThat((String) write.map().get("message")).contains("viewer");

        List<?> listed = (List<?>) api.get("/api/keys", ApiFixture.ADMIN).map().get("keys");
        assertThat(listed.toString()).contains("siem").doesNotContain(key).doesNotContain(key.substring(17));

        assertThat(api.delete("/api/keys/" + id, ApiFixture.ADMIN).status()).isEqualTo(200);
        assertThat(api.get("/api/workflows", key).status()).isEqualTo(401);
        assertThat(api.delete("/api/keys/" + id, ApiFixture.ADMIN).status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsManageKeysAndTheLastAdminKeyStays() {
        assertThat(api.get("/api/keys", ApiFixture.EDITOR).status()).isEqualTo(403);
        assertThat(api.post("/api/keys", ApiFixture.ADMIN, "{\"name\": \"x\", \"role\": \"root\"}").status()).isEqualTo(400);
        String adminId = api.apiKeys.create("first admin", Role.ADMIN, "test").info().id();
        ApiFixture.Answer refused = api.delete("/api/keys/" + adminId, ApiFixture.ADMIN);
        assertThat(refused.status()).isEqualTo(409);
        assertThat((String) refused.map().get("message")).contains("last active admin key");
        assertThat(refused.map()).containsEntry("details", Map.of("role", "admin"));
    }
}
