package dev.vigil.api;

import dev.vigil.Vigil;
import dev.vigil.alert.AlertIntake;
import dev.vigil.alert.AlertRouter;
import dev.vigil.alert.InvestigationTriggers;
import dev.vigil.auth.ApiKeys;
import dev.vigil.cases.CaseBinding;
import dev.vigil.cases.CaseService;
import dev.vigil.connectors.ConnectorBinding;
import dev.vigil.connectors.ConnectorService;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.secrets.SecretBox;
import dev.vigil.steps.http.HttpStep;
import dev.vigil.store.JdbcConnectorStore;
import dev.vigil.engine.Conditions;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.RunRequest;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.enrichment.Enrichments;
import dev.vigil.investigations.InvestigationService;
import dev.vigil.model.Json;
import dev.vigil.node.VigilNode;
import dev.vigil.parse.ParseResult;
import dev.vigil.store.HistoryRetention;
import dev.vigil.store.JdbcAlertStore;
import dev.vigil.store.JdbcApiKeyStore;
import dev.vigil.store.JdbcCaseStore;
import dev.vigil.decisions.DecisionEvents;
import dev.vigil.decisions.DecisionLinks;
import dev.vigil.decisions.EmailDecisions;
import dev.vigil.webhook.SignedLinks;
import dev.vigil.decisions.SlackDecisions;
import dev.vigil.store.JdbcDecisionLedger;
import dev.vigil.store.JdbcEnrichmentStore;
import dev.vigil.store.JdbcInvestigationStore;
import dev.vigil.store.JdbcWebhookStore;
import dev.vigil.store.JdbcWorkflowStore;
import dev.vigil.webhook.MasterKey;
import dev.vigil.webhook.Webhooks;
import dev.vigil.workflows.WorkflowManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Vigil node and its API on 127.0.0.1, on a port the system picks, over a fresh SQLite file; requests over real
 * HTTP with the JDK client. Keys here are fixed test keys; the real key store is tested on its own.
 */
final class ApiFixture implements AutoCloseable {

    static final String ADMIN = "admin-test-key";
    static final String VIEWER = "viewer-test-key";
    static final String RESPONDER = "responder-test-key";
    static final String EDITOR = "editor-test-key";

    /** Per fixture: its case steps are bound to this fixture's database. */
    final CaseBinding caseBinding = new CaseBinding();
    final ConnectorBinding connectorBinding = new ConnectorBinding();
    final Vigil vigil = Vigil.forServer(caseBinding, connectorBinding);
    final CaseService cases;
    final ConnectorService connectors;
    final VigilNode node;
    final ApiServer server;
    final WorkflowManager workflows;
    final ApiKeys apiKeys;
    final InvestigationService investigations;
    final Enrichments enrichments;
    /**
     * How far ahead of the system clock alerts are received and enrichments are timed: a test moves it past the
     * investigation window or the enrichment TTL.
     */
    final AtomicReference<Duration> alertClockSkew = new AtomicReference<>(Duration.ZERO);
    final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, Object body, HttpResponse<String> raw) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            return (Map<String, Object>) body;
        }
    }

    ApiFixture(Path dir) {
        VigilNode.Config config = new VigilNode.Config("jdbc:sqlite:" + dir.resolve("vigil.db"), "api-test", 8,
                Duration.ofSeconds(30), Duration.ofMillis(50), 10_000, HistoryRetention.Policy.DEFAULT);
        node = new VigilNode(vigil, config, EngineClock.system(), WorkflowResolver.NONE).start();
        ServerMetrics metrics = new ServerMetrics(node.store());
        node.workers().onFinished(metrics::finished);
        node.onStepEnded(metrics::stepEnded);
        node.intake().onAccepted(metrics::accepted);
        Map<String, Caller> keys = Map.of(
                ADMIN, new Caller("k1", "admin", "admin", EnumSet.allOf(Access.class)),
                VIEWER, new Caller("k2", "viewer", "viewer", Set.of(Access.READ)),
                RESPONDER, new Caller("k3", "responder", "responder", Set.of(Access.READ, Access.RUN, Access.DECIDE)),
                EDITOR, new Caller("k4", "editor", "editor", Set.of(Access.READ, Access.WRITE_WORKFLOWS, Access.RUN)));
        apiKeys = new ApiKeys(new JdbcApiKeyStore(node.database()), java.time.Clock.systemUTC());
        KeyAuthenticator real = new KeyAuthenticator(apiKeys);
        // the fixed test keys, else the real key store (keys created through the API)
        Authenticator authenticator = header -> header.startsWith("ApiKey ")
                && keys.containsKey(header.substring("ApiKey ".length()))
                ? Optional.of(keys.get(header.substring("ApiKey ".length()))) : real.authenticate(header);
        cases = new CaseService(new JdbcCaseStore(node.database()), EngineClock.system()::now);
        caseBinding.bind(cases);
        connectors = new ConnectorService(new JdbcConnectorStore(node.database()), SecretBox.load(Map.of(), dir),
                ConnectorTypes.standard(), HttpStep.defaultClient(), EngineClock.system()::now);
        connectorBinding.bind(connectors);
        investigations = new InvestigationService(new JdbcInvestigationStore(node.database()),
                EngineClock.system()::now, InvestigationService.DEFAULT_WINDOW);
        EngineClock alertClock = new EngineClock() {
            @Override
            public java.time.Instant now() {
                return EngineClock.system().now().plus(alertClockSkew.get());
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                EngineClock.system().sleep(duration);
            }

            @Override
            public Scheduled schedule(Duration delay, Runnable task) {
                return EngineClock.system().schedule(delay, task);
            }
        };
        enrichments = new Enrichments(new JdbcEnrichmentStore(node.database()), investigations, node.store(),
                alertClock::now, Enrichments.DEFAULT_TTL);
        node.workers().onFinished(investigations::jobFinished);
        node.workers().onFinished(enrichments::finished);
        JdbcDecisionLedger ledger = new JdbcDecisionLedger(node.database());
        MasterKey webhookKey = MasterKey.load(Map.of(), dir);
        DecisionEvents decisions = new DecisionEvents(node.store(), ledger, investigations,
                new SlackDecisions(connectors, HttpStep.defaultClient(), ledger, EngineClock.system()::now),
                new EmailDecisions(connectors, ConnectorTypes.standard().find("email").orElseThrow(),
                        HttpStep.defaultClient(), new DecisionLinks(new SignedLinks(webhookKey)), this::url, ledger,
                        EngineClock.system()::now),
                EngineClock.system()::now);
        node.onStepWaiting(decisions::waiting);
        node.onStepEnded(decisions::ended);
        Conditions conditions = new Conditions(vigil.templates());
        workflows = new WorkflowManager(new JdbcWorkflowStore(node.database()), vigil.parser(), EngineClock.system());
        server = new ApiServer(new ApiServer.Settings("127.0.0.1", 0, 1024 * 1024),
                new ApiServer.Services(node.store(), EngineClock.system(), metrics, authenticator, workflows,
                        vigil.parser(), node.intake(), new AlertIntake(new JdbcAlertStore(node.database(),
                        Duration.ofMinutes(5)), new AlertRouter(conditions), alertClock, investigations,
                        new InvestigationTriggers(conditions, investigations, enrichments, alertClock::now)), apiKeys,
                        node.workers()::wake, new Webhooks(new JdbcWebhookStore(
                        node.database()), webhookKey, EngineClock.system(),
                        Webhooks.DEFAULT_TOLERANCE), cases, investigations, enrichments,
                        ledger, decisions, connectors)).start();
    }

    /** The server's URL, {@code http://127.0.0.1:PORT}. */
    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    Answer get(String path, String key) {
        return send(request(path, key).GET());
    }

    Answer post(String path, String key, String body) {
        return send(request(path, key).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer put(String path, String key, String body) {
        return send(request(path, key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer patch(String path, String key, String body) {
        return send(request(path, key).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer delete(String path, String key) {
        return send(request(path, key).DELETE());
    }

    /** A POST without an API key, with the given headers (a webhook's signature) and the body exactly as given. */
    Answer postWithHeaders(String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = request(path, null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    Answer send(String method, String path, String key) {
        return send(request(path, key).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (key != null) {
            builder.header("Authorization", "ApiKey " + key);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            Object body = type.startsWith("application/json") && !response.body().isEmpty()
                    ? Json.parse(response.body()) : response.body();
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a workflow through intake as a trigger would, and waits until it has ended. */
    ExecutionRecord runToEnd(String source) {
        ParseResult parsed = vigil.parser().parse(source);
        if (!parsed.valid()) {
            throw new IllegalArgumentException(parsed.problems().toString());
        }
        ExecutionRecord accepted = node.intake().submit(parsed.workflow(), source,
                RunRequest.manual(parsed.workflow().name(), Map.of(), "tester"));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            ExecutionRecord now = node.store().execution(accepted.id()).orElseThrow();
            if (now.status().terminal()) {
                return now;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("execution " + accepted.id() + " did not end in 20 s");
    }

    @Override
    public void close() {
        server.close();
        node.close();
    }
}
