package dev.vigil.connectors;

import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How a connector proves who it is to a service; applied to each request by {@link ConnectorHttp}. */
public sealed interface HttpAuth {

    /** Adds the credentials to a request's headers; may call out (OAuth2 fetches a token). */
    void apply(Map<String, String> headers, ConnectorHttp http) throws StepFailure;

    /** Forgets cached credentials after the service refused them; true when retrying may help. */
    default boolean refresh() {
        return false;
    }

    HttpAuth NONE = new None();

    record None() implements HttpAuth {
        public void apply(Map<String, String> headers, ConnectorHttp http) {
        }
    }

    /** {@code Authorization: Bearer <token>}, or another scheme word ("Token token=", "SSWS"). */
    record Bearer(String scheme, String token) implements HttpAuth {
        public Bearer(String token) {
            this("Bearer", token);
        }

        public void apply(Map<String, String> headers, ConnectorHttp http) {
            headers.put("Authorization", scheme.isEmpty() ? token : scheme + " " + token);
        }

        @Override
        public String toString() {
            return "Bearer[" + scheme + "]";
        }
    }

    record Basic(String user, String password) implements HttpAuth {
        public Basic {
            // the header carries the pair base64-encoded: that form is a secret too
            KnownSecrets.add(encode(user, password));
        }

        public void apply(Map<String, String> headers, ConnectorHttp http) {
            headers.put("Authorization", "Basic " + encode(user, password));
        }

        @Override
        public String toString() {
            return "Basic[" + user + "]";
        }

        private static String encode(String user, String password) {
            return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An API key in a header of the service's choosing ({@code x-apikey}, {@code Key}). */
    record Header(String name, String value) implements HttpAuth {
        public void apply(Map<String, String> headers, ConnectorHttp http) {
            headers.put(name, value);
        }

        @Override
        public String toString() {
            return "Header[" + name + "]";
        }
    }

    /**
     * OAuth 2.0 client credentials (RFC 6749 §4.4): a token from {@code tokenUrl}, cached per client and scope
     * until shortly before it expires, and fetched again once when the service answers 401. Tokens are secrets.
     *
     * @param extra further form fields some services want (Entra: none; CrowdStrike: member_cid)
     */
    record OAuth2ClientCredentials(String tokenUrl, String clientId, String clientSecret, String scope,
                                   Map<String, String> extra) implements HttpAuth {

        private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

        private record Token(String value, Instant expires) {
        }

        public OAuth2ClientCredentials {
            extra = extra == null ? Map.of() : Map.copyOf(extra);
        }

        private String key() {
            return tokenUrl + "\n" + clientId + "\n" + scope + "\n" + clientSecret.hashCode();
        }

        public void apply(Map<String, String> headers, ConnectorHttp http) throws StepFailure {
            Token token = TOKENS.get(key());
            if (token == null || Instant.now().isAfter(token.expires())) {
                token = fetch(http);
                TOKENS.put(key(), token);
            }
            headers.put("Authorization", "Bearer " + token.value());
        }

        @Override
        public boolean refresh() {
            return TOKENS.remove(key()) != null;
        }

        private Token fetch(ConnectorHttp http) throws StepFailure {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "client_credentials");
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret);
            if (scope != null && !scope.isBlank()) {
                form.put("scope", scope);
            }
            form.putAll(extra);
            ConnectorHttp.Response response = http.request("POST", tokenUrl).form(form).send();
            if (!(response.data() instanceof Map<?, ?> body) || !(body.get("access_token") instanceof String access)) {
                throw new StepFailure("ConnectorExecutionError", "OAuth2 token endpoint " + ConnectorHttp.shown(tokenUrl)
                        + " answered without an access_token", null);
            }
            KnownSecrets.add(access);
            long seconds = body.get("expires_in") instanceof Number n ? n.longValue()
                    : body.get("expires_in") instanceof String s && s.matches("\\d+") ? Long.parseLong(s) : 3600;
            // a minute early (or half the lifetime of short tokens): a token must not expire between check and use
            return new Token(access, Instant.now().plusSeconds(Math.max(1, seconds - Math.min(60, seconds / 2))));
        }

        @Override
        public String toString() {
            return "OAuth2ClientCredentials[" + ConnectorHttp.shown(tokenUrl) + ", client " + clientId + "]";
        }
    }
}
