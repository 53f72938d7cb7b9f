package dev.vigil.connectors;

import dev.vigil.steps.StepFailure;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A generic HTTP service: a base URL and credentials. The {@code http} step with {@code connector-id} uses it (the
 * step's {@code path} and {@code query} appended, the credentials added); as a connector step, {@code http.request}
 * sends {@code {method, path, query, headers, body}} and the form {@code webhook} (Kibana's {@code .webhook}) posts
 * {@code with.body} to the base URL.
 *
 * <p>{@code config.auth} picks the credentials: {@code none}, {@code bearer} (secret {@code token}), {@code basic}
 * ({@code username} + secret {@code password}), {@code header} ({@code header} name + secret {@code apiKey}) or
 * {@code oauth2} (client credentials: {@code tokenUrl}, {@code clientId}, {@code scope} + secret
 * {@code clientSecret}). Other connector types reuse {@link #auth(Connector)} when they take the same settings.
 */
public final class HttpConnector implements ConnectorType {

    @Override
    public String id() {
        return "http";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("webhook");
    }

    @Override
    public String summary() {
        return "Any HTTP API: base URL plus bearer, basic, API-key header or OAuth2 client-credentials auth";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.requiredOption("baseUrl", "https://api.example.com (the http step's path is appended)"),
                ConfigField.option("auth", "none (default), bearer, basic, header or oauth2"),
                ConfigField.option("username", "basic auth user"),
                ConfigField.option("header", "header auth: the header name (X-API-Key)"),
                ConfigField.option("tokenUrl", "oauth2: the token endpoint"),
                ConfigField.option("clientId", "oauth2: the client id"),
                ConfigField.option("scope", "oauth2: the scope, if the service wants one"),
                ConfigField.option("headers", "headers sent with every request (not secret)"),
                ConfigField.option("testPath", "what \"test connection\" GETs (default /)"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.secret("token", "bearer auth: the token"),
                ConfigField.secret("password", "basic auth: the password"),
                ConfigField.secret("apiKey", "header auth: the key"),
                ConfigField.secret("clientSecret", "oauth2: the client secret"));
    }

    @Override
    public Set<String> subActions() {
        return Set.of("request");
    }

    @Override
    public boolean acceptsNoSubAction() {
        return true;
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        Connector c = call.connector();
        if (call.subAction() == null) {
            return call.http().request(call.textOr("method", "POST").toUpperCase(Locale.ROOT), c.option("baseUrl"))
                    .auth(auth(c)).headers(headers(c)).json(call.param("body")).send().data();
        }
        ConnectorHttp.Request request = call.http()
                .request(call.textOr("method", "GET").toUpperCase(Locale.ROOT), url(c, call.text("path")))
                .auth(auth(c)).headers(headers(c)).headers(call.map("headers"));
        Map<String, Object> query = call.map("query");
        if (query != null) {
            query.forEach(request::query);
        }
        if (call.param("body") != null) {
            request.json(call.param("body"));
        }
        ConnectorHttp.Response response = request.send();
        return Map.of("status", (long) response.status(), "headers", response.headers(),
                "data", response.data() == null ? "" : response.data());
    }

    @Override
    public String test(ConnectorCall call) throws StepFailure {
        Connector c = call.connector();
        String path = c.option("testPath") == null ? "/" : c.option("testPath");
        int status = call.http().request("GET", url(c, path)).auth(auth(c)).headers(headers(c)).send().status();
        return "GET " + ConnectorHttp.shown(url(c, path)) + " answered " + status;
    }

    /** The base URL with a relative path appended (one slash between them). */
    public static String url(Connector c, String path) {
        String base = c.option("baseUrl");
        if (path == null || path.isEmpty()) {
            return base;
        }
        return base.replaceAll("/+$", "") + (path.startsWith("/") ? path : "/" + path);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> headers(Connector c) {
        return c.config().get("headers") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The credentials {@code config.auth} names (see the class comment). */
    public static HttpAuth auth(Connector c) throws StepFailure {
        String mode = c.option("auth") == null ? "none" : c.option("auth").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "none" -> HttpAuth.NONE;
            case "bearer" -> new HttpAuth.Bearer(c.requireSecret("token"));
            case "basic" -> new HttpAuth.Basic(c.requireOption("username"), c.requireSecret("password"));
            case "header", "apikey", "api-key" -> new HttpAuth.Header(c.requireOption("header"), c.requireSecret("apiKey"));
            case "oauth2" -> new HttpAuth.OAuth2ClientCredentials(c.requireOption("tokenUrl"),
                    c.requireOption("clientId"), c.requireSecret("clientSecret"), c.option("scope"), Map.of());
            default -> throw new StepFailure("ConnectorExecutionError", "connector " + c.name() + ": config.auth '"
                    + mode + "' is not one of none, bearer, basic, header, oauth2", null);
        };
    }
}
