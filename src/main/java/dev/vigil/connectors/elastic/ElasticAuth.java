package dev.vigil.connectors.elastic;

import dev.vigil.connectors.Connector;
import dev.vigil.connectors.HttpAuth;
import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The credentials of an Elasticsearch or Kibana connector, chosen by which settings it has: secret {@code apiKey}
 * ({@code Authorization: ApiKey <key>}), else secret {@code token} (a service account token,
 * {@code Authorization: Bearer <token>}), else {@code username} with secret {@code password} (basic), else none (a
 * cluster without security).
 */
final class ElasticAuth {

    private ElasticAuth() {
    }

    static HttpAuth of(Connector c) throws StepFailure {
        String apiKey = c.secret("apiKey");
        if (apiKey != null && !apiKey.isBlank()) {
            return new HttpAuth.Bearer("ApiKey", encodedApiKey(apiKey.strip()));
        }
        String token = c.secret("token");
        if (token != null && !token.isBlank()) {
            return new HttpAuth.Bearer(token.strip());
        }
        String user = c.option("username");
        if (user != null && !user.isBlank()) {
            return new HttpAuth.Basic(user, c.requireSecret("password"));
        }
        return HttpAuth.NONE;
    }

    /**
     * The header form of an API key. Elasticsearch hands out {@code id} and {@code api_key} and their base64
     * {@code encoded} form; people paste either. A key with a colon is the {@code id:api_key} pair, which the header
     * wants base64-encoded (base64 itself never has a colon). The encoded form is a secret too.
     */
    static String encodedApiKey(String key) {
        if (!key.contains(":")) {
            return key;
        }
        String encoded = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
        KnownSecrets.add(encoded);
        return encoded;
    }
}
