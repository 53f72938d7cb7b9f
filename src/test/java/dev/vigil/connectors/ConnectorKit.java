package dev.vigil.connectors;

import dev.vigil.steps.StepFailure;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs connector actions the way a workflow step does (same {@link ConnectorCall#start}), without a server: for
 * tests of one connector type against its simulator over real HTTP on 127.0.0.1.
 */
public final class ConnectorKit {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final ConnectorType type;
    private final Connector connector;
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private Duration remaining = Duration.ofSeconds(30);

    public ConnectorKit(ConnectorType type, Map<String, Object> config, Map<String, String> secrets) {
        this.type = type;
        this.connector = connector(type.id(), config, secrets);
    }

    public static Connector connector(String type, Map<String, Object> config, Map<String, String> secrets) {
        Instant now = Instant.now();
        return new Connector("c-" + type, "test-" + type, type, config, secrets, "test", now, now, 1);
    }

    /** The step's remaining time (30 s unless set). */
    public ConnectorKit remaining(Duration remaining) {
        this.remaining = remaining;
        return this;
    }

    public Connector connector() {
        return connector;
    }

    /** Runs {@code type.subAction} (null: the step form {@code type}) with these params. */
    public Object run(String subAction, Map<String, Object> params) throws StepFailure {
        return type.execute(ConnectorCall.start(HTTP, connector, subAction, params, remaining,
                (level, message) -> logs.add(level + " " + message), "exec-1:step:1"));
    }

    /** Runs and expects a failure. */
    public StepFailure fail(String subAction, Map<String, Object> params) {
        try {
            Object output = run(subAction, params);
            throw new AssertionError("expected " + type.id() + "." + subAction + " to fail, got " + output);
        } catch (StepFailure failure) {
            return failure;
        }
    }

    public String test() throws StepFailure {
        return type.test(ConnectorCall.start(HTTP, connector, null, Map.of(), remaining,
                (level, message) -> logs.add(level + " " + message), null));
    }

    public List<String> logs() {
        return List.copyOf(logs);
    }
}
