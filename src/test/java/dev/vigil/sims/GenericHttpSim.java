package dev.vigil.sims;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A generic JSON API with an OAuth2 client-credentials token endpoint ({@code POST /oauth/token}), for the
 * {@code http} connector: {@code /echo/**} answers with what it received, and {@code /secure/**} only with a
 * token the token endpoint issued.
 */
public final class GenericHttpSim extends Simulator {

    public static final String CLIENT_ID = "vigil-client";
    public static final String CLIENT_SECRET = "client-secret-1234567890";

    private final AtomicInteger tokens = new AtomicInteger();
    private volatile String current;

    public GenericHttpSim() {
        route("POST", "/oauth/token", (request, path) -> {
            Map<String, String> form = request.form();
            if (!"client_credentials".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))
                    || !CLIENT_SECRET.equals(form.get("client_secret"))) {
                return Response.json(401, Map.of("error", "invalid_client",
                        "error_description", "client authentication failed"));
            }
            current = "access-token-" + tokens.incrementAndGet() + "-abcdef";
            return Response.json(Map.of("access_token", current, "token_type", "Bearer", "expires_in", 3600));
        });
        for (String method : new String[] {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
            route(method, "/echo(/.*)?", (request, path) -> Response.json(echo(request)));
            route(method, "/secure(/.*)?", (request, path) -> ("Bearer " + current).equals(request.header("authorization"))
                    ? Response.json(echo(request))
                    : Response.json(401, Map.of("error", "invalid_token", "error_description", "token expired")));
        }
    }

    private static Map<String, Object> echo(Request request) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", request.method());
        out.put("path", request.path());
        out.put("query", request.query());
        out.put("headers", request.headers());
        out.put("body", request.body());
        return out;
    }

    /** Tokens issued so far. */
    public int tokensIssued() {
        return tokens.get();
    }

    /** Makes the current token invalid, as an expiry on the service side would. */
    public void revokeToken() {
        current = "revoked";
    }

    @Override
    public String name() {
        return "Generic HTTP API (echo, OAuth2 client credentials)";
    }
}
