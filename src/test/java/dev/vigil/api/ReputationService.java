package dev.vigil.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in IP reputation service on 127.0.0.1 for enrichment tests: {@code GET /ip/<address>} answers
 * {@code {"ip", "verdict": "malicious"}} (or a 500 for the addresses told to fail) and counts the requests per address.
 * {@link #hold} keeps answers back until {@link #release}, so a test can act while a lookup is in flight.
 */
final class ReputationService implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    ReputationService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/ip/", exchange -> {
            String ip = exchange.getRequestURI().getPath().substring("/ip/".length());
            requests.computeIfAbsent(ip, k -> new AtomicInteger()).incrementAndGet();
            try {
                gate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean fails = failing.contains(ip);
            byte[] body = (fails ? "{\"error\": \"overloaded\"}"
                    : "{\"ip\": \"" + ip + "\", \"verdict\": \"malicious\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(fails ? 500 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests received for {@code ip} so far. */
    int requests(String ip) {
        AtomicInteger count = requests.get(ip);
        return count == null ? 0 : count.get();
    }

    void fail(String ip) {
        failing.add(ip);
    }

    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
