package dev.vigil.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** An API test: a fresh server ({@link ApiFixture}) per test, on its own data folder. */
abstract class ApiTest {

    static final List<String> ENDED = List.of("completed", "failed", "cancelled", "timed_out", "skipped");

    @TempDir
    Path dir;
    ApiFixture api;

    @BeforeEach
    void startServer() {
        api = new ApiFixture(dir);
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    /** The job's detail once its status is one of {@code statuses} (10 s at most). */
    Map<String, Object> awaitStatus(String executionId, List<String> statuses) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> detail = api.get("/api/workflows/executions/" + executionId, ApiFixture.VIEWER).map();
            if (statuses.contains(detail.get("status"))) {
                return detail;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + executionId + " did not become " + statuses + " in 10 s");
    }

    /** The job's decision trail (its JSON text) once it contains {@code text} (10 s at most). */
    String awaitTrail(String executionId, String text) throws InterruptedException {
        String trail = "";
        for (int i = 0; i < 1000; i++) {
            trail = api.get("/api/workflows/executions/" + executionId + "/decisions/audit", ApiFixture.VIEWER).raw()
                    .body();
            if (trail.contains(text)) {
                return trail;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the decision trail of job " + executionId + " never said " + text + ": " + trail);
    }

    Map<String, Object> awaitEnd(String executionId) throws InterruptedException {
        return awaitStatus(executionId, ENDED);
    }
}
