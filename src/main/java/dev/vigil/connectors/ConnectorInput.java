package dev.vigil.connectors;

import java.util.Map;

/**
 * A connector as given by a person (API body or YAML file), before it is checked.
 *
 * @param secrets new secret values by name; on an update, a secret not named keeps its stored value and one given
 *                as null is removed
 * @param version on an update, the version the change was based on (null: no check)
 */
public record ConnectorInput(String name, String type, Map<String, Object> config, Map<String, String> secrets,
                             Long version) {

    public ConnectorInput {
        config = config == null ? Map.of() : config;
        secrets = secrets == null ? Map.of() : secrets;
    }
}
