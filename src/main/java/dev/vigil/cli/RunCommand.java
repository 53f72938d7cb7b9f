package dev.vigil.cli;

import dev.vigil.Vigil;
import dev.vigil.alert.AlertEvents;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Executor;
import dev.vigil.engine.MemoryJournal;
import dev.vigil.engine.Pin;
import dev.vigil.engine.RunRequest;
import dev.vigil.model.Json;
import dev.vigil.model.Trigger;
import dev.vigil.parse.ParseResult;
import dev.vigil.parse.Problem;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil run FILE}: runs one workflow in this process and prints the execution record.
 * Exit codes: 0 completed, 1 failed (or cancelled, timed out), 2 invalid workflow or arguments, 3 waiting for input.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one workflow in-process and print the execution record.",
        footer = {"", "Exit codes: 0 completed, 1 failed/cancelled/timed out, 2 invalid, 3 waiting for input.",
                "--offline: steps that reach outside systems (http, elasticsearch.*, kibana.*, cases.*, ai.*,",
                "connectors) are not sent; they take their pinned result, else a stand-in output {}."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "workflow YAML file")
    Path file;

    @Option(names = "--event", paramLabel = "alert.json",
            description = "trigger event: one alert document, an array of alerts, or {alerts, rule, params}")
    Path event;

    @Option(names = "--inputs", paramLabel = "JSON", description = "manual inputs as a JSON object")
    String inputs;

    @Option(names = "--mock", paramLabel = "pins.yaml",
            description = "pinned step results: stepName: {output: ...} or {error: {type, message}}")
    Path mock;

    @Option(names = "--offline", description = "send nothing to outside systems; use pins or a stand-in {}")
    boolean offline;

    @Option(names = "--json", description = "print the execution record as JSON")
    boolean json;

    /** Wall-clock time; tests substitute a clock that jumps over waits. */
    EngineClock clock = EngineClock.system();

    @Override
    public Integer call() {
        Vigil vigil = Vigil.standard();
        ParseResult parsed;
        RunRequest request;
        try {
            parsed = vigil.parser().parse(WorkflowFiles.read(file));
            if (!parsed.valid()) {
                parsed.problems().forEach(p -> System.err.println(p.format(file.toString())));
                return 2;
            }
            request = request(parsed);
        } catch (WorkflowFiles.Unreadable e) {
            System.err.println(file + ": " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("vigil run: " + e.getMessage());
            return 2;
        }
        parsed.problems().stream().map((Problem p) -> p.format(file.toString())).forEach(System.err::println);
        MemoryJournal journal = new MemoryJournal();
        Executor executor = vigil.executor(clock, journal, WorkflowFiles.siblings(file, vigil));
        ExecutionRecord record;
        try {
            record = onVirtualThread(() -> executor.runInProcess(parsed.workflow(), request));
        } catch (Executor.InvalidInputs e) {
            e.problems().forEach(p -> System.err.println(file + ": " + p));
            return 2;
        }
        ExecutionReport report = new ExecutionReport(record, journal.steps(record.id()), journal.logs(record.id()));
        System.out.println(json ? Json.writePretty(report.toJson()) : report.toText());
        return exitCode(record.status());
    }

    private RunRequest request(ParseResult parsed) throws WorkflowFiles.Unreadable {
        Map<String, Object> given = Map.of();
        if (inputs != null) {
            Object value = Json.parse(inputs);
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("--inputs must be a JSON object, e.g. '{\"ip\":\"1.2.3.4\"}'");
            }
            given = dev.vigil.model.Values.normalizeMap(map);
        }
        Map<String, Pin> pins = mock == null ? Map.of() : Pins.parse(WorkflowFiles.read(mock), mock.toString());
        String id = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        RunRequest request = new RunRequest(id, given, null, "manual", "cli", true, null, pins, offline, null);
        if (event != null) {
            Object payload;
            try {
                payload = Json.parse(WorkflowFiles.read(event));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--event " + event + " is not valid JSON: " + e.getMessage());
            }
            boolean alertTriggered = parsed.workflow().trigger(Trigger.Alert.class).isPresent();
            Object eventValue = alertTriggered ? AlertEvents.from(payload) : payload;
            boolean webhookTriggered = parsed.workflow().trigger(Trigger.Webhook.class).isPresent();
            request = request.withEvent(eventValue, alertTriggered ? "alert" : webhookTriggered ? "webhook" : "manual");
        } else if (parsed.workflow().trigger(Trigger.Manual.class).isPresent()) {
            request = request.withEvent(Map.of("spaceId", "default", "inputs", given), "manual");
        }
        return request;
    }

    /** Runs the execution on a virtual thread, as the server will: blocking I/O in steps parks, not pins. */
    private static ExecutionRecord onVirtualThread(java.util.function.Supplier<ExecutionRecord> body) {
        java.util.concurrent.atomic.AtomicReference<ExecutionRecord> result = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread thread = Thread.ofVirtual().name("vigil-run").start(() -> {
            try {
                result.set(body.get());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        try {
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    static int exitCode(ExecutionStatus status) {
        return switch (status) {
            case COMPLETED -> 0;
            case WAITING_FOR_INPUT -> 3;
            default -> 1;
        };
    }
}
