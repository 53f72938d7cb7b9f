package dev.vigil.schedule;

import dev.vigil.engine.RunRequest;
import dev.vigil.model.Workflow;

/**
 * Where the scheduler hands a run: {@code intake::submit} on a server. Throws
 * {@link dev.vigil.queue.Saturated} when the queue is full; the scheduler then submits again later.
 */
@FunctionalInterface
public interface Submitter {

    void submit(Workflow workflow, String source, RunRequest request);
}
