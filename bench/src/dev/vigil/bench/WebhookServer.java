package dev.vigil.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.Vigil;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.RunRequest;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.model.Json;
import dev.vigil.model.Workflow;
import dev.vigil.node.VigilNode;
import dev.vigil.parse.ParseResult;
import dev.vigil.queue.Saturated;
import dev.vigil.store.HistoryRetention;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The peers' benchmark contract (../shared/peers/README.md) for Vigil: {@code POST /webhook/<workflow>} with an
 * alert as body starts the workflow with the alert as its event and answers when the run has finished, with its
 * output. Runs go the way of production: committed to the store by the intake, claimed by the worker pool under
 * a lease, full history (every step's input, output and logs) written. Like the Camunda and Flowable harnesses it
 * uses the JDK HttpServer; the real API server comes with issue 4.
 *
 * <p>Usage: {@code WebhookServer PORT JDBC_URL WORKFLOW_DIR [WORKERS]}
 */
public final class WebhookServer {

    private record Deployed(Workflow workflow, String source) {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String jdbcUrl = args[1];
        Path workflowDir = Path.of(args[2]);
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 64;

        Vigil vigil = Vigil.standard();
        Map<String, Deployed> deployed = new LinkedHashMap<>();
        try (var files = Files.list(workflowDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String source = Files.readString(file);
                ParseResult parsed = vigil.parser().parse(source);
                if (!parsed.valid()) {
                    throw new IllegalStateException(file + " is not valid: " + parsed.problems());
                }
                deployed.put(parsed.workflow().name(), new Deployed(parsed.workflow(), source));
            }
        }
        VigilNode.Config config = new VigilNode.Config(jdbcUrl, "bench", workers, Duration.ofSeconds(30),
                Duration.ofSeconds(1), 100_000, HistoryRetention.Policy.DEFAULT);
        VigilNode node = new VigilNode(vigil, config, EngineClock.system(), WorkflowResolver.NONE).start();
        // both sides create the future, so a run that ends before its request registers is not missed
        Map<String, CompletableFuture<ExecutionRecord>> finished = new ConcurrentHashMap<>();
        node.workers().onFinished(record ->
                finished.computeIfAbsent(record.id(), id -> new CompletableFuture<>()).complete(record));

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/webhook/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/webhook/".length());
            Deployed target = deployed.get(name);
            if (target == null) {
                send(exchange, 404, Map.of("error", "no workflow " + name));
                return;
            }
            try {
                Object alert = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                RunRequest request = new RunRequest(name, Map.of(), alert, "webhook", "bench", false, null, null,
                        false, null);
                ExecutionRecord accepted = node.intake().submit(target.workflow(), target.source(), request);
                ExecutionRecord done = finished.computeIfAbsent(accepted.id(), id -> new CompletableFuture<>())
                        .get(60, TimeUnit.SECONDS);
                finished.remove(accepted.id());
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("executionId", done.id());
                answer.put("status", done.status().wire());
                answer.put("output", done.output());
                send(exchange, done.status() == ExecutionStatus.COMPLETED ? 200 : 500, answer);
            } catch (Saturated e) {
                exchange.getResponseHeaders().add("Retry-After", Long.toString(e.retryAfter().toSeconds()));
                send(exchange, 429, Map.of("error", e.getMessage()));
            } catch (Exception e) {
                send(exchange, 500, Map.of("error", String.valueOf(e)));
            }
        });
        server.createContext("/stats", exchange -> {
            Map<String, Object> stats = new LinkedHashMap<>();
            for (ExecutionStatus status : ExecutionStatus.values()) {
                stats.put(status.wire(), node.store().count(status));
            }
            send(exchange, 200, stats);
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            node.close();
        }));
        System.out.println("vigil bench webhook on 127.0.0.1:" + port + " with " + deployed.keySet() + " on "
                + jdbcUrl.replaceAll("password=[^&]*", "password=***"));
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
