package dev.vigil.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waiting for the writer. */
final class Futures {

    private Futures() {
    }

    /**
     * Waits for a write, ignoring interrupts until it is done and restoring the flag afterwards. The executor
     * interrupts a run's thread to cancel it; the write it was waiting for is committed regardless, and the caller
     * must learn its outcome rather than believe a committed write failed (or a failed one succeeded).
     */
    static <T> T await(CompletableFuture<T> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrowable(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for every write; the first failure is thrown once all are done. */
    static void awaitAll(List<CompletableFuture<?>> futures) {
        RuntimeException first = null;
        for (CompletableFuture<?> future : futures) {
            try {
                await(future);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static RuntimeException rethrowable(Throwable cause) {
        return switch (cause) {
            case RuntimeException e -> e;
            case Error e -> throw e;
            default -> new StoreFailure("the job store failed: " + cause.getMessage(), cause);
        };
    }
}
