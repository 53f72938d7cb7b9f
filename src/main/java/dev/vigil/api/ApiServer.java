package dev.vigil.api;

import dev.vigil.alert.AlertIntake;
import dev.vigil.auth.ApiKeys;
import dev.vigil.cases.CaseConflict;
import dev.vigil.cases.CaseNotFound;
import dev.vigil.cases.CaseService;
import dev.vigil.engine.EngineClock;
import dev.vigil.enrichment.Enrichments;
import dev.vigil.investigations.InvestigationNotFound;
import dev.vigil.investigations.InvestigationService;
import dev.vigil.model.Json;
import dev.vigil.parse.WorkflowParser;
import dev.vigil.queue.Intake;
import dev.vigil.queue.Saturated;
import dev.vigil.decisions.DecisionEvents;
import dev.vigil.decisions.DecisionLinks;
import dev.vigil.store.DecisionLedger;
import dev.vigil.store.JobStore;
import dev.vigil.webhook.Webhooks;
import dev.vigil.workflows.WorkflowConflict;
import dev.vigil.workflows.WorkflowInvalid;
import dev.vigil.workflows.WorkflowManager;
import dev.vigil.workflows.WorkflowNameTaken;
import dev.vigil.workflows.WorkflowNotFound;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Vigil's HTTP API on Javalin (Jetty 12): handlers on virtual threads, JSON through the same Jackson mapper as the
 * engine, every request checked by {@link Guard} against the access its route declares, and every refusal a JSON
 * body {@code {error, message, details}} built in one place ({@link #answer}).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /**
     * @param maxBodyBytes the largest request body accepted; bigger ones are refused with 413 before they are read
     */
    public record Settings(String host, int port, long maxBodyBytes) {
        public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
    }

    /** What the routes work with. */
    public record Services(JobStore store, EngineClock clock, ServerMetrics metrics, Authenticator authenticator,
                           WorkflowManager workflows, WorkflowParser parser, Intake intake, AlertIntake alerts,
                           ApiKeys keys, Runnable wakeWorkers, Webhooks webhooks, CaseService cases,
                           InvestigationService investigations, Enrichments enrichments, DecisionLedger decisions,
                           DecisionEvents decisionEvents, dev.vigil.connectors.ConnectorService connectors) {
    }

    private final Javalin app;

    public ApiServer(Settings settings, Services services) {
        Guard guard = new Guard(services.authenticator());
        this.app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.jetty.modifyServletContextHandler(context -> context.addFilter(KibanaSpaces.class, "/s/*",
                    java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
            RoutesConfig routes = config.routes;
            routes.beforeMatched(guard::check);
            new SystemRoutes(services.store(), services.metrics()).register(routes);
            new ExecutionRoutes(services.store(), services.clock(), services.workflows(), services.parser(),
                    services.intake(), services.wakeWorkers(), services.decisions(), services.decisionEvents(), job -> {
                        services.investigations().jobFinished(job);
                        services.enrichments().finished(job);
                    }).register(routes);
            new DecisionRoutes(services.store(), services.clock(), services.decisions(), services.decisionEvents(),
                    new DecisionLinks(services.webhooks().links()), services.wakeWorkers()).register(routes);
            new KeyRoutes(services.keys()).register(routes);
            new AlertRoutes(services.alerts(), services.workflows(), services.intake(), services.metrics())
                    .register(routes);
            new WorkflowRoutes(services.workflows(), services.parser(), services.intake()).register(routes);
            new WebhookRoutes(services.webhooks(), services.workflows(), services.intake())
                    .register(routes);
            new CaseRoutes(services.cases()).register(routes);
            new InvestigationRoutes(services.investigations(), services.enrichments(), services.workflows(),
                    services.alerts(), services.intake()).register(routes);
            new ConnectorRoutes(services.connectors()).register(routes);
            new SlackInteractionRoutes(services.store(), services.clock(), services.decisions(),
                    services.decisionEvents(), services.connectors(),
                    services.wakeWorkers(), java.net.http.HttpClient.newBuilder()
                    .connectTimeout(java.time.Duration.ofSeconds(5)).build()).register(routes);
            routes.exception(dev.vigil.connectors.ConnectorProblem.class, (e, ctx) -> answer(ctx, switch (e.kind()) {
                case INVALID -> ApiError.badRequest(e.getMessage());
                case NOT_FOUND -> ApiError.notFound(e.getMessage());
                case CONFLICT -> ApiError.conflict(e.getMessage(), Map.of());
            }));
            routes.exception(InvestigationNotFound.class, (e, ctx) -> answer(ctx, ApiError.notFound(e.getMessage())));
            routes.exception(ApiError.class, (e, ctx) -> answer(ctx, e));
            routes.exception(CaseNotFound.class, (e, ctx) -> answer(ctx, ApiError.notFound(e.getMessage())));
            routes.exception(CaseConflict.class, (e, ctx) -> answer(ctx, ApiError.conflict(e.getMessage(),
                    Map.of("currentVersion", e.currentVersion()))));
            routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, fromJavalin(e, settings)));
            routes.exception(WorkflowNotFound.class, (e, ctx) -> answer(ctx, ApiError.notFound(e.getMessage())));
            routes.exception(WorkflowConflict.class, (e, ctx) -> answer(ctx, ApiError.conflict(e.getMessage(),
                    Map.of("state", e.state().name().toLowerCase(), "action", e.action().name().toLowerCase()))));
            routes.exception(WorkflowNameTaken.class, (e, ctx) -> answer(ctx,
                    new ApiError(409, "name_taken", e.getMessage(), Map.of())));
            routes.exception(WorkflowInvalid.class, (e, ctx) -> answer(ctx, new ApiError(400, "invalid_workflow",
                    e.getMessage(), Map.of("problems", WorkflowJson.problems(e.problems())))));
            routes.exception(IllegalArgumentException.class, (e, ctx) -> answer(ctx, ApiError.badRequest(e.getMessage())));
            routes.exception(Saturated.class, (e, ctx) -> {
                ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
                answer(ctx, new ApiError(429, "saturated", e.getMessage(), Map.of()));
            });
            routes.exception(Exception.class, (e, ctx) -> {
                String incident = UUID.randomUUID().toString();
                LOG.error("{} {} failed (incident {})", ctx.method(), ctx.path(), incident, e);
                answer(ctx, new ApiError(500, "internal", "Vigil failed to handle the request; the server log has "
                        + "the details under incident " + incident, Map.of("incident", incident)));
            });
            routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
                    answer(ctx, new ApiError(404, "not_found", "no endpoint " + ctx.method() + " " + ctx.path(),
                            Map.of()));
                }
            });
            routes.error(405, ctx -> answer(ctx, new ApiError(405, "method_not_allowed", ctx.method()
                    + " is not allowed on " + ctx.path(), Map.of())));
        });
    }

    public ApiServer start() {
        app.start();
        return this;
    }

    /** The port the server listens on (the one it was given, or the one the system chose for port 0). */
    public int port() {
        return app.port();
    }

    /** Every route as {@code "GET /api/..."}, for the test that holds the OpenAPI document to them. */
    public java.util.List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(parsed -> parsed.endpoint.method.isHttpMethod())
                .map(parsed -> parsed.endpoint.method.name() + " " + parsed.endpoint.path).sorted().toList();
    }

    private static void answer(Context ctx, ApiError error) {
        ctx.status(error.status()).json(error.body());
    }

    /** Javalin's own refusals (a body over the size limit, a bad content type) in our error shape. */
    private static ApiError fromJavalin(HttpResponseException e, Settings settings) {
        if (e.getStatus() == 413) {
            return new ApiError(413, "body_too_large", "the request body is larger than the " + settings.maxBodyBytes()
                    + " bytes this server accepts (vigil server --max-body)", Map.of("limit", settings.maxBodyBytes()));
        }
        String code = switch (e.getStatus()) {
            case 413 -> "body_too_large";
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            default -> "http_" + e.getStatus();
        };
        Map<String, Object> details = new LinkedHashMap<>(e.getDetails());
        return new ApiError(e.getStatus(), code, e.getMessage(), details);
    }

    @Override
    public void close() {
        app.stop();
    }
}
