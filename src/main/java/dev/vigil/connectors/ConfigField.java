package dev.vigil.connectors;

/**
 * One setting a connector type reads: a config option or a secret.
 *
 * @param name        the key under {@code config} or {@code secrets}
 * @param secret      true for values kept encrypted and never returned
 * @param required    true when an instance without it is refused
 * @param description one line for the catalog and the editor
 */
public record ConfigField(String name, boolean secret, boolean required, String description) {

    public static ConfigField option(String name, String description) {
        return new ConfigField(name, false, false, description);
    }

    public static ConfigField requiredOption(String name, String description) {
        return new ConfigField(name, false, true, description);
    }

    public static ConfigField secret(String name, String description) {
        return new ConfigField(name, true, false, description);
    }

    public static ConfigField requiredSecret(String name, String description) {
        return new ConfigField(name, true, true, description);
    }
}
