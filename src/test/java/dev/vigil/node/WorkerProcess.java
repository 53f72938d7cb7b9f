package dev.vigil.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil worker} as a separate OS process (the test's own classpath, the same JDK), which a test can kill
 * with SIGKILL at any moment and measure from outside.
 */
final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static WorkerProcess start(String jdbcUrl, String nodeId, Path logDir, List<String> jvmOptions,
                               String... workerOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.vigil.cli.VigilCommand");
        command.add("worker");
        command.add("--db");
        command.add(jdbcUrl);
        command.add("--node-id");
        command.add(nodeId);
        command.addAll(List.of(workerOptions));
        Files.createDirectories(logDir);
        Path log = logDir.resolve(nodeId + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new WorkerProcess(process, log);
    }

    /** Waits until the worker printed that it runs jobs. */
    WorkerProcess awaitReady(Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains("running jobs of")) {
                return this;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the worker exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the worker did not start within " + timeout + ":\n" + output());
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The resident set size of the worker process, from /proc, in bytes. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid());
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
