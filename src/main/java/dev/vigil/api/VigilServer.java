package dev.vigil.api;

import dev.vigil.Vigil;
import dev.vigil.alert.AlertIntake;
import dev.vigil.alert.AlertRouter;
import dev.vigil.alert.InvestigationTriggers;
import dev.vigil.auth.AdminKeyBootstrap;
import dev.vigil.auth.ApiKeys;
import dev.vigil.cases.CaseBinding;
import dev.vigil.cases.CaseService;
import dev.vigil.connectors.ConnectorBinding;
import dev.vigil.connectors.ConnectorFiles;
import dev.vigil.connectors.ConnectorService;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.decisions.DecisionEvents;
import dev.vigil.decisions.DecisionLinks;
import dev.vigil.decisions.EmailDecisions;
import dev.vigil.decisions.SlackDecisions;
import dev.vigil.engine.Conditions;
import dev.vigil.engine.EngineClock;
import dev.vigil.enrichment.Enrichments;
import dev.vigil.investigations.InvestigationService;
import dev.vigil.model.Trigger;
import dev.vigil.model.Workflow;
import dev.vigil.node.VigilNode;
import dev.vigil.schedule.ScheduledWorkflow;
import dev.vigil.store.JdbcAlertStore;
import dev.vigil.store.JdbcApiKeyStore;
import dev.vigil.secrets.SecretBox;
import dev.vigil.steps.http.HttpStep;
import dev.vigil.store.JdbcCaseStore;
import dev.vigil.store.JdbcConnectorStore;
import dev.vigil.store.JdbcDecisionLedger;
import dev.vigil.store.JdbcEnrichmentStore;
import dev.vigil.store.JdbcInvestigationStore;
import dev.vigil.store.JdbcWebhookStore;
import dev.vigil.store.JdbcWorkflowStore;
import dev.vigil.webhook.MasterKey;
import dev.vigil.webhook.SignedLinks;
import dev.vigil.webhook.Webhooks;
import dev.vigil.workflows.ActiveWorkflow;
import dev.vigil.workflows.WorkflowManager;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's composition root: a node (store, workers, scheduler), the workflow manager and the API keys on the
 * node's database, and the API in front. Built by hand, in the order things depend on each other.
 */
public final class VigilServer implements AutoCloseable {

    /**
     * @param dedupWindow      how long an alert with the same dedup key as an earlier one is a duplicate
     * @param webhookTolerance how far a webhook request's signed timestamp may be from this node's clock
     * @param investigationWindow how long after an investigation's last alert another of its rule and entity joins it
     * @param enrichmentTtl    how long an indicator workflow's completed run is reused for the same indicator
     * @param connectorsDir    YAML files of connectors loaded at start ({@link ConnectorFiles}), or null
     */
    public record Config(VigilNode.Config node, ApiServer.Settings api, Path dataDir, Map<String, String> environment,
                         Duration dedupWindow, Duration webhookTolerance, Duration investigationWindow,
                         Duration enrichmentTtl, Path connectorsDir, String publicUrl) {
    }

    private final VigilNode node;
    private final WorkflowManager workflows;
    private final ApiServer api;
    private final AdminKeyBootstrap.Outcome keys;
    private final MasterKey webhookKey;
    private final SecretBox secrets;
    private final List<String> connectorsLoaded;
    private final String publicUrl;
    private final String apiHost;

    /** A server with the standard step types and the built-in {@code cases.*} steps on its own database. */
    public static VigilServer standard(Config config, EngineClock clock) {
        CaseBinding cases = new CaseBinding();
        ConnectorBinding connectors = new ConnectorBinding();
        return new VigilServer(Vigil.forServer(cases, connectors), cases, connectors, config, clock);
    }

    /**
     * @param cases bound here to the case service on the node's database; {@code vigil}'s case steps (if it has
     *              them) should ask it
     */
    public VigilServer(Vigil vigil, CaseBinding cases, ConnectorBinding connectors, Config config, EngineClock clock) {
        // the node reads active workflows (scheduler, child workflows) from the manager, which lives on the node's
        // database: the reference is set right after the node is built and before it starts
        AtomicReference<WorkflowManager> manager = new AtomicReference<>();
        this.node = new VigilNode(vigil, config.node(), clock,
                idOrName -> Optional.ofNullable(manager.get()).flatMap(m -> resolve(m, idOrName)),
                () -> manager.get() == null ? List.of() : scheduled(manager.get()));
        this.workflows = new WorkflowManager(new JdbcWorkflowStore(node.database()), vigil.parser(), clock);
        manager.set(workflows);
        JdbcApiKeyStore keyStore = new JdbcApiKeyStore(node.database());
        this.keys = new AdminKeyBootstrap(keyStore, Clock.systemUTC()).run(config.environment(), config.dataDir());
        this.webhookKey = MasterKey.load(config.environment(), config.dataDir());
        ServerMetrics metrics = new ServerMetrics(node.store());
        node.workers().onFinished(metrics::finished);
        node.onStepEnded(metrics::stepEnded);
        node.intake().onAccepted(metrics::accepted);
        this.secrets = SecretBox.load(config.environment(), config.dataDir());
        ConnectorService connectorService = new ConnectorService(new JdbcConnectorStore(node.database()), secrets,
                ConnectorTypes.standard(), HttpStep.defaultClient(), clock::now);
        connectors.bind(connectorService);
        this.connectorsLoaded = ConnectorFiles.load(config.connectorsDir(), connectorService, config.environment());
        ApiKeys apiKeys = new ApiKeys(keyStore, Clock.systemUTC());
        CaseService caseService = new CaseService(new JdbcCaseStore(node.database()), clock::now);
        cases.bind(caseService);
        InvestigationService investigations = new InvestigationService(new JdbcInvestigationStore(node.database()),
                clock::now, config.investigationWindow());
        Enrichments enrichments = new Enrichments(new JdbcEnrichmentStore(node.database()), investigations,
                node.store(), clock::now, config.enrichmentTtl());
        node.workers().onFinished(investigations::jobFinished);
        node.workers().onFinished(enrichments::finished); // after jobFinished: the timeline shows the job end first
        JdbcDecisionLedger ledger = new JdbcDecisionLedger(node.database());
        this.publicUrl = config.publicUrl();
        this.apiHost = config.api().host();
        DecisionEvents decisions = new DecisionEvents(node.store(), ledger, investigations,
                new SlackDecisions(connectorService, HttpStep.defaultClient(), ledger, clock::now),
                new EmailDecisions(connectorService, ConnectorTypes.standard().find("email").orElseThrow(),
                        HttpStep.defaultClient(), new DecisionLinks(new SignedLinks(webhookKey)), this::publicUrl,
                        ledger, clock::now), clock::now);
        node.onStepWaiting(decisions::waiting);
        node.onStepEnded(decisions::ended);
        Conditions conditions = new Conditions(vigil.templates());
        AlertIntake alerts = new AlertIntake(new JdbcAlertStore(node.database(), config.dedupWindow()),
                new AlertRouter(conditions), clock, investigations,
                new InvestigationTriggers(conditions, investigations, enrichments, clock::now));
        this.api = new ApiServer(config.api(), new ApiServer.Services(node.store(), clock, metrics,
                new KeyAuthenticator(apiKeys), workflows, vigil.parser(), node.intake(), alerts, apiKeys,
                node.workers()::wake, new Webhooks(new JdbcWebhookStore(node.database()), webhookKey, clock,
                config.webhookTolerance()), caseService, investigations, enrichments,
                ledger, decisions, connectorService));
    }

    public VigilServer start() {
        node.start();
        api.start();
        return this;
    }

    /**
     * Where people reach this server, for links in mail: {@code --public-url}, else the address it listens on
     * (127.0.0.1 when it listens on every interface).
     */
    public String publicUrl() {
        if (publicUrl != null && !publicUrl.isBlank()) {
            return publicUrl;
        }
        String host = apiHost == null || apiHost.equals("0.0.0.0") || apiHost.equals("::") ? "127.0.0.1" : apiHost;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + api.port();
    }

    public int port() {
        return api.port();
    }

    /** What the operator must know about the API keys (where the admin key is, or that it came from the environment). */
    public String keysMessage() {
        return keys.message();
    }

    /** Where the webhook master key came from (never the key). */
    public String webhooksMessage() {
        return webhookKey.message();
    }

    /** Where connector secrets are sealed with, and which connectors came from files (never a secret). */
    public List<String> connectorsMessages() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(secrets.message());
        lines.addAll(connectorsLoaded);
        return lines;
    }

    private static Optional<Workflow> resolve(WorkflowManager manager, String idOrName) {
        try {
            return Optional.of(manager.activeVersion(idOrName).workflow());
        } catch (RuntimeException notFound) {
            return manager.activeWorkflows().stream().filter(a -> a.workflow().name().equals(idOrName))
                    .map(ActiveWorkflow::workflow).findFirst();
        }
    }

    private static List<ScheduledWorkflow> scheduled(WorkflowManager manager) {
        return manager.activeWorkflows().stream()
                .filter(a -> a.workflow().triggers().stream().anyMatch(t -> t instanceof Trigger.Scheduled))
                .map(a -> new ScheduledWorkflow(a.id(), a.workflow(), a.source(), activeSince(manager, a)))
                .toList();
    }

    private static Instant activeSince(WorkflowManager manager, ActiveWorkflow active) {
        Instant at = manager.version(active.id(), active.version()).activatedAt();
        return at != null ? at : Instant.EPOCH;
    }

    @Override
    public void close() {
        api.close();
        node.close();
    }
}
