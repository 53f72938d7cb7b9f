package dev.vigil.store;

import dev.vigil.engine.ExecutionStatus;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Status sets as SQL lists, written from the enum so that they cannot drift from it. */
final class Statuses {

    /** Finished executions and step executions. */
    static final String TERMINAL = list(Arrays.stream(ExecutionStatus.values()).filter(ExecutionStatus::terminal)
            .toArray(ExecutionStatus[]::new));

    /** Executions a claim can hand out once due (queued ones wait for their concurrency group instead). */
    static final String CLAIMABLE = list(ExecutionStatus.PENDING, ExecutionStatus.RUNNING, ExecutionStatus.WAITING,
            ExecutionStatus.WAITING_FOR_INPUT);

    private Statuses() {
    }

    static boolean isClaimable(ExecutionStatus status) {
        return switch (status) {
            case PENDING, RUNNING, WAITING, WAITING_FOR_INPUT -> true;
            default -> false;
        };
    }

    /** {@code ('pending', 'running')}: the wire names are fixed identifiers, safe to inline. */
    static String list(ExecutionStatus... statuses) {
        return Arrays.stream(statuses).map(s -> "'" + s.wire() + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
