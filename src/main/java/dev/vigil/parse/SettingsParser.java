package dev.vigil.parse;

import dev.vigil.model.Settings;
import java.time.Duration;
import java.util.List;

/** Reads {@code settings} (WORKFLOW_FORMAT.md §1.3). */
final class SettingsParser {

    static final List<String> STRATEGIES = List.of("drop", "cancel-in-progress", "queue");

    private final ParseContext ctx;
    private final StepParser steps;

    SettingsParser(ParseContext ctx, StepParser steps) {
        this.ctx = ctx;
        this.steps = steps;
    }

    Settings parse(Fields top) {
        Fields f = Fields.of(top.node("settings"), top.path("settings"), "'settings'", "a mapping", ctx.problems);
        if (f == null) {
            return Settings.NONE;
        }
        f.owner("'settings'");
        String timeout = f.duration("timeout", false);
        String timezone = f.string("timezone");
        if (timezone != null && !TriggerParser.isZone(timezone)) {
            f.problem("bad-timezone", "timezone", "unknown time zone '" + timezone
                    + "'; expected an IANA name such as UTC, Europe/Paris or America/New_York");
            timezone = null;
        }
        Settings.Concurrency concurrency = concurrency(f);
        Long maxStepSize = f.byteSize("max-step-size");
        var onFailure = steps.onFailure().parse(f.node("on-failure"), f.path("on-failure"), false);
        return new Settings(OnFailureParser.toDuration(timeout), timezone, concurrency, maxStepSize, onFailure,
                liquid(f));
    }

    private Settings.Concurrency concurrency(Fields settings) {
        Fields f = Fields.of(settings.node("concurrency"), settings.path("concurrency"), "'concurrency'",
                "a mapping with key, strategy and max", ctx.problems);
        if (f == null) {
            return null;
        }
        f.owner("'concurrency'");
        String key = f.string("key");
        ctx.template(f.node("key"), f.path("key"));
        String strategy = f.oneOf("strategy", STRATEGIES, "drop");
        Long max = f.integer("max", 1, Integer.MAX_VALUE);
        Long queueSize = f.integer("queue-size", 1, Integer.MAX_VALUE);
        String queueTtl = f.duration("queue-ttl", false);
        return new Settings.Concurrency(key, strategy, max == null ? 1 : max.intValue(),
                queueSize == null ? 100 : queueSize.intValue(),
                queueTtl == null ? Duration.ofHours(24) : OnFailureParser.toDuration(queueTtl));
    }

    private Settings.LiquidLimits liquid(Fields settings) {
        Fields f = Fields.of(settings.node("liquid"), settings.path("liquid"), "'liquid'",
                "a mapping with parseLimit, renderLimit and/or memoryLimit", ctx.problems);
        Settings.LiquidLimits defaults = Settings.LiquidLimits.DEFAULTS;
        Settings.LiquidLimits max = Settings.LiquidLimits.MAXIMA;
        if (f == null) {
            return defaults;
        }
        Long parse = f.integer("parseLimit", 1, max.parseLimit());
        Long render = f.integer("renderLimit", 1, max.renderLimitMillis());
        Long memory = f.integer("memoryLimit", 1, max.memoryLimit());
        return new Settings.LiquidLimits(parse == null ? defaults.parseLimit() : parse.intValue(),
                render == null ? defaults.renderLimitMillis() : render.intValue(),
                memory == null ? defaults.memoryLimit() : memory);
    }
}
