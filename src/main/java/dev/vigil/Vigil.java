package dev.vigil;

import dev.vigil.alert.AlertRouter;
import dev.vigil.cases.CaseService;
import dev.vigil.condition.Kql;
import dev.vigil.connectors.ConnectorHttpTargets;
import dev.vigil.connectors.ConnectorService;
import dev.vigil.connectors.ConnectorSteps;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.condition.KqlSyntaxException;
import dev.vigil.engine.Conditions;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionJournal;
import dev.vigil.engine.Executor;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.parse.SyntaxError;
import dev.vigil.parse.WorkflowParser;
import dev.vigil.steps.BuiltinSteps;
import dev.vigil.steps.StepRegistry;
import dev.vigil.steps.cases.CaseSteps;
import dev.vigil.steps.http.HttpStep;
import dev.vigil.template.TemplateEngine;
import java.net.http.HttpClient;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The composition root: builds the parts once and wires them by hand (no DI container). The CLI, the tests
 * and later the server start here.
 */
public final class Vigil {

    private final TemplateEngine templates;
    private final StepRegistry registry;
    private final WorkflowParser parser;

    /** The standard set of step types, with the process-wide HTTP client. */
    public static Vigil standard() {
        return new Vigil(BuiltinSteps.standard(HttpStep.defaultClient()).build());
    }

    /**
     * The standard step types plus the built-in {@code cases.*} steps on {@code cases}, for a server (the CLI has
     * no case store, so there {@code cases.*} stay an external family).
     */
    public static Vigil withCases(Supplier<CaseService> cases) {
        return new Vigil(BuiltinSteps.standard(HttpStep.defaultClient()).addAll(CaseSteps.definitions(cases)).build());
    }

    /**
     * What a server or worker runs: the standard step types, the built-in {@code cases.*} steps, and connector
     * steps ({@code slack}, {@code virustotal.getIpReport}, {@code elasticsearch.search}, the {@code http} step's
     * {@code connector-id}) on the connector instances of {@code connectors}.
     */
    public static Vigil forServer(Supplier<CaseService> cases, Supplier<ConnectorService> connectors) {
        HttpClient http = HttpStep.defaultClient();
        return new Vigil(BuiltinSteps.standard(http, new ConnectorHttpTargets(connectors, http))
                .addAll(CaseSteps.definitions(cases))
                .addAll(dev.vigil.steps.ai.AiSteps.definitions(connectors::get, http))
                .connectors(ConnectorSteps.dispatcher(connectors, ConnectorTypes.standard(), http))
                .build());
    }

    public Vigil(StepRegistry registry) {
        this.templates = new TemplateEngine();
        this.registry = registry;
        this.parser = new WorkflowParser(registry,
                template -> templates.check(template).stream()
                        .map(e -> new SyntaxError(e.line(), e.column(), e.message())).toList(),
                Vigil::checkKql);
    }

    private static Optional<SyntaxError> checkKql(String condition) {
        try {
            Kql.parse(condition);
            return Optional.empty();
        } catch (KqlSyntaxException e) {
            return Optional.of(new SyntaxError(1, e.column(), e.getMessage()));
        }
    }

    public WorkflowParser parser() {
        return parser;
    }

    public StepRegistry registry() {
        return registry;
    }

    public TemplateEngine templates() {
        return templates;
    }

    /** Decides which workflows an alert starts; conditions are evaluated as the engine evaluates them. */
    public AlertRouter alertRouter() {
        return new AlertRouter(new Conditions(templates));
    }

    public Executor executor(EngineClock clock, ExecutionJournal journal, WorkflowResolver resolver) {
        return new Executor(registry, templates, clock, journal, resolver);
    }
}
