package dev.vigil.schedule;

import dev.vigil.engine.RunRequest;
import dev.vigil.model.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** A Submitter that records accepted runs and can be told to fail the next submissions first. */
final class RecordingSubmitter implements Submitter {

    private final List<RunRequest> accepted = new ArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();
    private int attempts;

    @Override
    public synchronized void submit(Workflow workflow, String source, RunRequest request) {
        attempts++;
        RuntimeException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
        accepted.add(request);
    }

    /** The next submissions throw these, in order. */
    synchronized RecordingSubmitter failWith(RuntimeException... next) {
        failures.addAll(List.of(next));
        return this;
    }

    synchronized List<RunRequest> accepted() {
        return List.copyOf(accepted);
    }

    /** The {@code scheduledAt} of every accepted run, in submission order. */
    synchronized List<String> scheduledAt() {
        return accepted.stream().map(r -> String.valueOf(((Map<?, ?>) r.event()).get("scheduledAt"))).toList();
    }

    synchronized int attempts() {
        return attempts;
    }
}
