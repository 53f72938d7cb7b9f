package dev.vigil.node;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the systems a containment workflow touches (EDR, firewall ...), on 127.0.0.1: it counts every
 * side effect by the {@code Idempotency-Key} the step sent ({@code executionId:stepPath:attempt}).
 */
final class SideEffectSimulator implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, AtomicLong> callsByKey = new ConcurrentHashMap<>();
    private final AtomicLong withoutKey = new AtomicLong();

    SideEffectSimulator() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/effect", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key == null) {
                withoutKey.incrementAndGet();
            } else {
                callsByKey.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long withoutKey() {
        return withoutKey.get();
    }

    /** Calls received per idempotency key: more than 1 means the same step attempt was sent again. */
    Map<String, Long> callsByKey() {
        Map<String, Long> copy = new HashMap<>();
        callsByKey.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /**
     * Step runs that reached this system under different attempts of one step path: each is a completed step
     * that ran again (the workflow has no retries, so every step has exactly one attempt).
     */
    List<String> stepsRunTwice() {
        Map<String, Set<String>> attemptsByStep = new HashMap<>();
        for (String key : callsByKey.keySet()) {
            int attemptSeparator = key.lastIndexOf(':');
            attemptsByStep.computeIfAbsent(key.substring(0, attemptSeparator), k -> new HashSet<>())
                    .add(key.substring(attemptSeparator + 1));
        }
        return attemptsByStep.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** The distinct step runs (execution and step path) seen, whatever the attempt. */
    Set<String> stepRuns() {
        Set<String> runs = new HashSet<>();
        for (String key : callsByKey.keySet()) {
            runs.add(key.substring(0, key.lastIndexOf(':')));
        }
        return runs;
    }

    /** Per execution id, the distinct step runs seen so far: how far each job got with its side effects. */
    Map<String, Integer> progress() {
        Map<String, Integer> done = new HashMap<>();
        for (String run : stepRuns()) {
            done.merge(run.substring(0, run.indexOf(':')), 1, Integer::sum);
        }
        return done;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
