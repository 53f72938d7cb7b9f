package dev.vigil.connectors.firewall;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.model.Durations;
import dev.vigil.steps.StepFailure;
import java.time.Duration;

/** {@code with.duration} of a block: seconds, or duration text ({@code 24h}, {@code 1d12h}); absent is permanent. */
final class BlockDuration {

    private BlockDuration() {
    }

    /** Whole seconds (a fraction rounds up: a block never ends early), or null for a permanent block. */
    static Long seconds(ConnectorCall call) throws StepFailure {
        Object value = call.param("duration");
        long seconds = switch (value) {
            case null -> 0;
            case Number n when n.doubleValue() == Math.rint(n.doubleValue()) -> n.longValue();
            case String s when s.isBlank() -> 0;
            case String s when s.strip().matches("\\d+") -> Long.parseLong(s.strip());
            case String s when Durations.isValid(s) -> {
                Duration d = Durations.parse(s);
                yield d.toSeconds() + (d.toMillisPart() > 0 ? 1 : 0);
            }
            default -> throw call.failure("with.duration must be seconds or a duration such as 24h, got '" + value + "'");
        };
        if (value != null && !(value instanceof String s && s.isBlank()) && seconds <= 0) {
            throw call.failure("with.duration must be longer than 0; leave it out for a permanent block");
        }
        return seconds == 0 ? null : seconds;
    }
}
