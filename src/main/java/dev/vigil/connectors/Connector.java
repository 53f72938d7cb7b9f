package dev.vigil.connectors;

import dev.vigil.steps.StepFailure;
import java.time.Instant;
import java.util.Map;

/**
 * A configured connector instance: a named, typed configuration (base URL, options) with its secrets, decrypted.
 * Lives in memory only while it is used; {@link #toString()} never shows secret values.
 *
 * @param id      stable id, chosen by Vigil or given in a YAML file
 * @param name    unique, what workflows usually name in {@code connector-id}
 * @param type    a {@link ConnectorType#id()} ("slack", "virustotal" ...)
 * @param config  options that are not secret (base URL, default channel ...)
 * @param secrets secret values by name (token, password, clientSecret ...)
 * @param source  "api" or the YAML file it came from: a file-defined connector is changed in its file
 * @param version grows with every change (optimistic concurrency over the API)
 */
public record Connector(String id, String name, String type, Map<String, Object> config, Map<String, String> secrets,
                        String source, Instant createdAt, Instant updatedAt, long version) {

    public Connector {
        config = Map.copyOf(config);
        secrets = Map.copyOf(secrets);
    }

    /** A config option as text, or null. */
    public String option(String name) {
        Object value = config.get(name);
        return value == null ? null : String.valueOf(value);
    }

    /** A secret, or null. */
    public String secret(String name) {
        return secrets.get(name);
    }

    /** A secret the action cannot do without. */
    public String requireSecret(String name) throws StepFailure {
        String value = secret(name);
        if (value == null || value.isEmpty()) {
            throw new StepFailure("ConnectorExecutionError", "connector " + this.name + " has no secret '" + name
                    + "', which this action needs", null);
        }
        return value;
    }

    /** A config option the action cannot do without. */
    public String requireOption(String name) throws StepFailure {
        String value = option(name);
        if (value == null || value.isEmpty()) {
            throw new StepFailure("ConnectorExecutionError", "connector " + this.name + " has no config." + name
                    + ", which this action needs", null);
        }
        return value;
    }

    @Override
    public String toString() {
        return "Connector[" + id + " " + name + " (" + type + "), secrets " + secrets.keySet() + "]";
    }
}
