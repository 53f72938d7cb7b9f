package dev.vigil.connectors.teams;

import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.HttpAuth;
import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Microsoft Graph for Teams, with one of two kinds of credentials ({@code config.auth}):
 * <ul>
 *   <li>{@code oauth2}, app-only: client credentials of an Entra app ({@code tenantId}, {@code clientId}, secret
 *       {@code clientSecret}), the token from {@code <loginUrl>/<tenantId>/oauth2/v2.0/token} for scope
 *       {@code https://graph.microsoft.com/.default}, cached and renewed by {@link HttpAuth.OAuth2ClientCredentials};</li>
 *   <li>{@code bearer}, delegated: a user's access token (secret {@code token}) obtained elsewhere.</li>
 * </ul>
 * Without {@code config.auth}, a connector with a {@code clientId} is app-only, else delegated.
 */
final class GraphApi {

    static final String DEFAULT_GRAPH_URL = "https://graph.microsoft.com/v1.0";
    static final String DEFAULT_LOGIN_URL = "https://login.microsoftonline.com";
    static final String SCOPE = "https://graph.microsoft.com/.default";

    private final ConnectorCall call;

    GraphApi(ConnectorCall call) {
        this.call = call;
    }

    /** True for client credentials: Graph then has no {@code /me}, and refuses some calls (see the docs). */
    boolean appOnly() {
        Connector c = call.connector();
        String mode = c.option("auth");
        if (mode == null || mode.isBlank()) {
            return c.option("clientId") != null;
        }
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "oauth2", "client_credentials", "oauth_client_credentials" -> true;
            default -> false;
        };
    }

    ConnectorHttp.Request request(String method, String path) throws StepFailure {
        String base = call.connector().option("graphUrl");
        base = base == null || base.isBlank() ? DEFAULT_GRAPH_URL : base.replaceAll("/+$", "");
        return call.http().request(method, base + path).auth(auth());
    }

    Object get(String path, Map<String, Object> query) throws StepFailure {
        ConnectorHttp.Request request = request("GET", path);
        query.forEach(request::query);
        return request.send().data();
    }

    Object post(String path, Object body) throws StepFailure {
        return request("POST", path).json(body).send().data();
    }

    /** An id as one path segment: Teams ids hold ':' and '@', and a templated id must not reach another path. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpAuth auth() throws StepFailure {
        Connector c = call.connector();
        String mode = c.option("auth") == null ? null : c.option("auth").toLowerCase(Locale.ROOT);
        if (mode != null && !mode.isBlank() && !mode.equals("bearer") && !appOnly()) {
            throw call.failure("config.auth '" + mode + "' is not one of oauth2 (client credentials) or bearer");
        }
        if (!appOnly()) {
            String token = c.requireSecret("token");
            KnownSecrets.add(token);
            return new HttpAuth.Bearer(token);
        }
        String tokenUrl = c.option("tokenUrl");
        if (tokenUrl == null || tokenUrl.isBlank()) {
            String login = c.option("loginUrl") == null ? DEFAULT_LOGIN_URL : c.option("loginUrl").replaceAll("/+$", "");
            tokenUrl = login + "/" + segment(c.requireOption("tenantId")) + "/oauth2/v2.0/token";
        }
        return new HttpAuth.OAuth2ClientCredentials(tokenUrl, c.requireOption("clientId"),
                c.requireSecret("clientSecret"), SCOPE, Map.of());
    }
}
