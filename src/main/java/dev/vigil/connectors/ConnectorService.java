package dev.vigil.connectors;

import dev.vigil.engine.Ids;
import dev.vigil.secrets.KnownSecrets;
import dev.vigil.secrets.SecretBox;
import dev.vigil.steps.StepFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Connector instances: checked when saved, secrets sealed on the way in and opened on the way out, and found for
 * steps by id or name. Every secret opened is registered with {@link KnownSecrets}, so whatever a step does with a
 * response, the value is redacted before anything is stored or logged.
 */
public final class ConnectorService implements ConnectorLookup {

    /** Options every type takes besides its own. */
    static final List<ConfigField> COMMON = List.of(
            ConfigField.option("default", "true: the instance steps of this type use when they name none"),
            ConfigField.option("timeout", "longest time one request may take (\"30s\" default)"));
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    public static final String API = "api";

    private final ConnectorStore store;
    private final SecretBox box;
    private final ConnectorTypes types;
    private final HttpClient http;
    private final InstantSource clock;

    public ConnectorService(ConnectorStore store, SecretBox box, ConnectorTypes types, HttpClient http,
                            InstantSource clock) {
        this.store = store;
        this.box = box;
        this.types = types;
        this.http = http;
        this.clock = clock;
        // what is stored is secret from the first moment: runs that use none of them still must not write them
        store.all().forEach(this::open);
    }

    public ConnectorTypes types() {
        return types;
    }

    // ---- changes ----

    /** @param source {@link #API} or the file it came from */
    public Connector create(ConnectorInput input, String source) {
        ConnectorType type = check(input, null);
        String id = Ids.next(clock.instant().toEpochMilli());
        var now = clock.instant();
        ConnectorStore.StoredConnector row = new ConnectorStore.StoredConnector(id, input.name(), type.id(),
                input.config(), seal(id, withoutNulls(input.secrets())), source, 1, now, now);
        if (!store.insert(row)) {
            throw new ConnectorProblem(ConnectorProblem.Kind.CONFLICT, "a connector named '" + input.name()
                    + "' exists already");
        }
        return open(row);
    }

    /** Changes an instance; secrets not named keep their values. */
    public Connector update(String idOrName, ConnectorInput input, String source) {
        ConnectorStore.StoredConnector current = row(idOrName);
        if (input.version() != null && input.version() != current.version()) {
            throw new ConnectorProblem(ConnectorProblem.Kind.CONFLICT, "connector '" + current.name()
                    + "' is at version " + current.version() + ", not " + input.version()
                    + ": it was changed meanwhile; read it again");
        }
        if (API.equals(source) && !API.equals(current.source())) {
            throw new ConnectorProblem(ConnectorProblem.Kind.CONFLICT, "connector '" + current.name()
                    + "' is defined in " + current.source() + "; change it there (it is loaded again at start)");
        }
        Map<String, String> secrets = new LinkedHashMap<>(openSecrets(current));
        input.secrets().forEach((k, v) -> {
            if (v == null) {
                secrets.remove(k);
            } else {
                secrets.put(k, v);
            }
        });
        ConnectorInput merged = new ConnectorInput(input.name() == null ? current.name() : input.name(),
                input.type() == null ? current.type() : input.type(), input.config(), secrets, null);
        ConnectorType type = check(merged, current);
        ConnectorStore.StoredConnector row = new ConnectorStore.StoredConnector(current.id(), merged.name(), type.id(),
                merged.config(), seal(current.id(), secrets), source, current.version() + 1, current.createdAt(),
                clock.instant());
        if (!store.update(row, current.version())) {
            throw new ConnectorProblem(ConnectorProblem.Kind.CONFLICT, "connector '" + current.name()
                    + "' changed meanwhile, or the name '" + merged.name() + "' is taken; read it again");
        }
        return open(row);
    }

    public void delete(String idOrName) {
        ConnectorStore.StoredConnector current = row(idOrName);
        if (!store.delete(current.id())) {
            throw new ConnectorProblem(ConnectorProblem.Kind.NOT_FOUND, "no connector '" + idOrName + "'");
        }
    }

    /** Creates or replaces (by name) a connector defined in a file; the file wins over earlier API changes. */
    public Connector upsertFromFile(ConnectorInput input, String file) {
        Optional<ConnectorStore.StoredConnector> existing = input.name() == null ? Optional.empty()
                : store.byName(input.name());
        if (existing.isEmpty()) {
            return create(input, file);
        }
        ConnectorStore.StoredConnector current = existing.get();
        ConnectorType type = check(input, current);
        ConnectorStore.StoredConnector row = new ConnectorStore.StoredConnector(current.id(), input.name(), type.id(),
                input.config(), seal(current.id(), withoutNulls(input.secrets())), file, current.version() + 1,
                current.createdAt(), clock.instant());
        if (!store.update(row, current.version())) {
            throw new ConnectorProblem(ConnectorProblem.Kind.CONFLICT, "connector '" + input.name()
                    + "' changed while it was loaded from " + file);
        }
        return open(row);
    }

    // ---- reading ----

    public Connector get(String idOrName) {
        return open(row(idOrName));
    }

    public List<Connector> list() {
        return store.all().stream().map(this::open).toList();
    }

    @Override
    public Connector find(String idOrName) throws StepFailure {
        Optional<ConnectorStore.StoredConnector> row = lookup(idOrName);
        if (row.isEmpty()) {
            throw new StepFailure("ConnectorNotFound", "no connector with id or name '" + idOrName
                    + "'; configured: " + names(store.all()), null);
        }
        return open(row.get());
    }

    @Override
    public Connector defaultOf(String type) throws StepFailure {
        String id = types.find(type).map(ConnectorType::id).orElse(type);
        List<ConnectorStore.StoredConnector> ofType = store.all().stream().filter(c -> c.type().equals(id)).toList();
        List<ConnectorStore.StoredConnector> defaults = ofType.stream()
                .filter(c -> Boolean.TRUE.equals(c.config().get("default")) || "true".equals(c.config().get("default")))
                .toList();
        if (defaults.size() == 1 || defaults.isEmpty() && ofType.size() == 1) {
            return open(defaults.isEmpty() ? ofType.getFirst() : defaults.getFirst());
        }
        throw new StepFailure("ConnectorNotFound", ofType.isEmpty()
                ? "no " + id + " connector is configured; add one (POST /api/connectors) or name one with connector-id"
                : "several " + id + " connectors (" + names(ofType) + ") and " + (defaults.isEmpty() ? "none" : "more"
                        + " than one") + " has config.default: true; name one with connector-id", null);
    }

    /** "Test connection": runs the type's cheap read-only check. */
    public TestResult test(String idOrName) {
        Connector connector = get(idOrName);
        ConnectorType type = types.find(connector.type()).orElseThrow();
        long start = System.nanoTime();
        List<String> log = new ArrayList<>();
        try {
            String message = type.test(ConnectorCall.start(http, connector, null, Map.of(), Duration.ofSeconds(30),
                    (level, text) -> log.add(text), null));
            return new TestResult(true, KnownSecrets.redact(message), elapsed(start));
        } catch (StepFailure failure) {
            return new TestResult(false, KnownSecrets.redact(failure.getMessage()), elapsed(start));
        }
    }

    /** What "test connection" found. */
    public record TestResult(boolean ok, String message, long millis) {
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    // ---- checks ----

    private ConnectorType check(ConnectorInput input, ConnectorStore.StoredConnector current) {
        if (input.name() == null || !NAME.matcher(input.name()).matches()) {
            throw invalid("name is required: 1 to 100 letters, digits, '_', '.' or '-', starting with a letter or"
                    + " digit" + (input.name() == null ? "" : "; got '" + input.name() + "'"));
        }
        if (input.type() == null) {
            throw invalid("type is required; one of " + typeIds());
        }
        ConnectorType type = types.find(input.type()).orElseThrow(() -> invalid("type '" + input.type()
                + "' is not a connector type of Vigil; one of " + typeIds()));
        Map<String, ConfigField> fields = new LinkedHashMap<>();
        COMMON.forEach(f -> fields.put(f.name(), f));
        type.fields().forEach(f -> fields.put(f.name(), f));
        for (Map.Entry<String, Object> option : input.config().entrySet()) {
            ConfigField field = fields.get(option.getKey());
            if (field == null) {
                throw invalid("config." + option.getKey() + " is not an option of " + type.id() + " connectors; they "
                        + "take " + options(fields, false));
            }
            if (field.secret()) {
                throw invalid("config." + option.getKey() + " is a secret: give it under secrets, where it is stored"
                        + " encrypted and never shown again");
            }
            if (option.getKey().toLowerCase(Locale.ROOT).endsWith("url") && option.getValue() != null) {
                checkUrl("config." + option.getKey(), String.valueOf(option.getValue()));
            }
        }
        for (Map.Entry<String, String> secret : input.secrets().entrySet()) {
            ConfigField field = fields.get(secret.getKey());
            if (field == null || !field.secret()) {
                throw invalid("secrets." + secret.getKey() + " is not a secret of " + type.id() + " connectors; they"
                        + " take " + options(fields, true));
            }
        }
        for (ConfigField field : fields.values()) {
            boolean present = field.secret() ? input.secrets().get(field.name()) != null
                    : input.config().get(field.name()) != null;
            if (field.required() && !present) {
                throw invalid((field.secret() ? "secrets." : "config.") + field.name() + " is required for "
                        + type.id() + " connectors: " + field.description());
            }
        }
        return type;
    }

    private static void checkUrl(String where, String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !Set.of("http", "https", "smtp", "smtps").contains(
                    uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw invalid(where + " must be an absolute http or https URL, got '" + url + "'");
        }
    }

    private static ConnectorProblem invalid(String message) {
        return new ConnectorProblem(ConnectorProblem.Kind.INVALID, message);
    }

    private String typeIds() {
        return String.join(", ", types.all().stream().map(ConnectorType::id).sorted().toList());
    }

    private static String options(Map<String, ConfigField> fields, boolean secret) {
        TreeSet<String> names = new TreeSet<>();
        fields.values().stream().filter(f -> f.secret() == secret).forEach(f -> names.add(f.name()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    // ---- sealing ----

    private Map<String, String> seal(String id, Map<String, String> secrets) {
        Map<String, String> sealed = new LinkedHashMap<>();
        secrets.forEach((name, value) -> {
            KnownSecrets.add(value);
            sealed.put(name, box.seal(value, context(id, name)));
        });
        return sealed;
    }

    private Map<String, String> openSecrets(ConnectorStore.StoredConnector row) {
        Map<String, String> open = new LinkedHashMap<>();
        row.sealedSecrets().forEach((name, sealed) -> {
            String value = box.open(sealed, context(row.id(), name));
            KnownSecrets.add(value);
            open.put(name, value);
        });
        return open;
    }

    private Connector open(ConnectorStore.StoredConnector row) {
        return new Connector(row.id(), row.name(), row.type(), row.config(), openSecrets(row), row.source(),
                row.createdAt(), row.updatedAt(), row.version());
    }

    private static String context(String id, String name) {
        return "connector " + id + "/" + name;
    }

    private static Map<String, String> withoutNulls(Map<String, String> secrets) {
        Map<String, String> out = new LinkedHashMap<>();
        secrets.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private ConnectorStore.StoredConnector row(String idOrName) {
        return lookup(idOrName).orElseThrow(() -> new ConnectorProblem(ConnectorProblem.Kind.NOT_FOUND,
                "no connector with id or name '" + idOrName + "'"));
    }

    private Optional<ConnectorStore.StoredConnector> lookup(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        Optional<ConnectorStore.StoredConnector> byId = store.byId(idOrName);
        return byId.isPresent() ? byId : store.byName(idOrName);
    }

    private static String names(List<ConnectorStore.StoredConnector> rows) {
        return rows.isEmpty() ? "none" : String.join(", ", rows.stream().map(ConnectorStore.StoredConnector::name).toList());
    }
}
