package dev.vigil.store;

/**
 * The database failed or could not be reached: the message says what the store was doing and the database's
 * reason. Unchecked, like {@link java.io.UncheckedIOException}: callers of the journal cannot do more than let it
 * end the run.
 */
public final class StoreFailure extends RuntimeException {

    public StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
