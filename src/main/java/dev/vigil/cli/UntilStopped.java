package dev.vigil.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a long-running command (worker, server) up until SIGTERM or SIGINT, then closes what it runs before the
 * JVM exits: the JVM halts as soon as its shutdown hooks return, so the hook waits (10 s at most) for the close.
 */
final class UntilStopped {

    private UntilStopped() {
    }

    /** Prints {@code banner}, waits for a stop signal, then closes {@code running}. */
    static void run(AutoCloseable running, String... banner) throws Exception {
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.countDown();
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (running) {
            for (String line : banner) {
                System.out.println(line);
            }
            System.out.flush();
            stopping.await();
        } finally {
            closed.countDown();
        }
    }
}
