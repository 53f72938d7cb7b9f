package dev.vigil.steps;

import dev.vigil.model.Json;
import dev.vigil.model.Step;
import dev.vigil.model.Values;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TEST DOUBLE of the engine's {@link StepInvocation}: {@code with()} and {@code field()} return what the test
 * gave, {@code matches()} asks a lambda of the test, and {@code render()} is a deliberately tiny resolver of
 * {@code {{ a.b }}} and whole {@code ${{ a.b }}} paths over the extra variables only — no filters, no Liquid. The
 * real template engine lives in {@code dev.vigil.template}.
 */
public final class FakeInvocation implements StepInvocation {

    /** The test's stand-in for KQL evaluation. */
    @FunctionalInterface
    public interface Condition {
        boolean test(String condition, Object subject) throws StepFailure;
    }

    private static final Pattern TYPED = Pattern.compile("^\\$\\{\\{\\s*([\\w.\\[\\]-]+)\\s*}}$");
    private static final Pattern TEXT = Pattern.compile("\\{\\{\\s*([\\w.\\[\\]-]+)\\s*}}");

    private final Map<String, Object> with;
    private final Map<String, Object> fields = new HashMap<>();
    private final List<String> logs = new ArrayList<>();
    private final List<Object> conditionSubjects = new ArrayList<>();
    private Condition condition = (c, s) -> {
        throw new AssertionError("this test did not expect a condition: " + c);
    };
    private Duration remaining;
    private String connectorId;

    private FakeInvocation(Map<String, Object> with) {
        this.with = with;
    }

    /** A call whose {@code with} is the given map (kept as given: the test chooses raw or "rendered"). */
    public static FakeInvocation with(Map<String, Object> with) {
        return new FakeInvocation(with);
    }

    public static FakeInvocation withNothing() {
        return new FakeInvocation(Map.of());
    }

    public FakeInvocation field(String name, Object value) {
        fields.put(name, Values.normalize(value));   // tests write List.of(1, 2); steps see the value model
        return this;
    }

    public FakeInvocation conditions(Condition condition) {
        this.condition = condition;
        return this;
    }

    public FakeInvocation remaining(Duration remaining) {
        this.remaining = remaining;
        return this;
    }

    public FakeInvocation connectorId(String connectorId) {
        this.connectorId = connectorId;
        return this;
    }

    public List<String> logs() {
        return logs;
    }

    public List<Object> conditionSubjects() {
        return conditionSubjects;
    }

    /** A map literal that, unlike {@code Map.of}, keeps order and accepts nulls: {@code map("a", 1, "b", null)}. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], Values.normalize(keysAndValues[i + 1]));
        }
        return map;
    }

    @Override
    public Step.Action step() {
        Step.Header header = new Step.Header("test_step", "test", "steps[0]", null, null, null, null, null, null,
                connectorId);
        return new Step.Action(header, with, fields);
    }

    @Override
    public Map<String, Object> with() {
        return with;
    }

    @Override
    public Object field(String name) {
        return fields.get(name);
    }

    @Override
    public Object render(Object raw, Map<String, Object> extraVariables) {
        return switch (raw) {
            case String text -> renderString(text, extraVariables);
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), render(v, extraVariables)));
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>();
                list.forEach(v -> out.add(render(v, extraVariables)));
                yield out;
            }
            case null, default -> raw;
        };
    }

    private static Object renderString(String text, Map<String, Object> vars) {
        Matcher typed = TYPED.matcher(text);
        if (typed.matches()) {
            return resolve(vars, typed.group(1));
        }
        return TEXT.matcher(text).replaceAll(m -> Matcher.quoteReplacement(switch (resolve(vars, m.group(1))) {
            case null -> "";
            case String s -> s;
            case Map<?, ?> ignored -> "[object Object]";
            case Object other -> other instanceof List<?> ? Json.write(other) : String.valueOf(other);
        }));
    }

    private static Object resolve(Map<String, Object> vars, String path) {
        Object current = vars;
        for (String segment : path.replace("[", ".").replace("]", "").split("\\.")) {
            current = switch (current) {
                case Map<?, ?> m -> m.get(segment);
                case List<?> l when segment.matches("\\d+") && Integer.parseInt(segment) < l.size() ->
                        l.get(Integer.parseInt(segment));
                case null, default -> null;
            };
        }
        return current;
    }

    @Override
    public boolean matches(String condition, Object subject) throws StepFailure {
        conditionSubjects.add(subject);
        return this.condition.test(condition, subject);
    }

    @Override
    public void log(String level, String message) {
        logs.add(level + ": " + message);
    }

    @Override
    public Instant now() {
        return Instant.parse("2026-01-01T00:00:00Z");
    }

    @Override
    public void sleep(Duration duration) {
        throw new AssertionError("steps under test should not sleep");
    }

    @Override
    public String idempotencyKey() {
        return "exec-1/steps[0]/0";
    }

    @Override
    public Duration remaining() {
        return remaining;
    }
}
