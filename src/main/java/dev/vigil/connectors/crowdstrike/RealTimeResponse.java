package dev.vigil.connectors.crowdstrike;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One active-responder command on one host through Real Time Response: open a session, send the command, ask for
 * its result until it is complete or the wait is over, close the session.
 *
 * <p>Bounded: the wait is the step's {@code waitSeconds} (30 s by default), never past the step's own deadline less
 * a margin for closing the session. A command still running then is not a failure: the output says
 * {@code complete: false} with its {@code cloud_request_id}, and the session is left open for the host to finish
 * (Falcon closes idle sessions itself after ten minutes).
 */
final class RealTimeResponse {

    private static final String SESSIONS = "/real-time-response/entities/sessions/v1";
    private static final String COMMAND = "/real-time-response/entities/active-responder-command/v1";
    /** Kept back from the step's time for closing the session. */
    private static final Duration MARGIN = Duration.ofSeconds(3);

    private final FalconApi api;
    private final ConnectorCall call;
    private final Duration pollInterval;

    RealTimeResponse(FalconApi api, ConnectorCall call, Duration pollInterval) {
        this.api = api;
        this.call = call;
        this.pollInterval = pollInterval;
    }

    /** {@code kill <pid>}: the output says whether it completed, and what the host answered. */
    Map<String, Object> kill(String deviceId, long pid, Duration wait) throws StepFailure {
        long deadline = System.nanoTime() + bounded(wait).toNanos();
        String sessionId = open(deviceId);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("base_command", "kill");
        request.put("command_string", "kill " + pid);
        request.put("device_id", deviceId);
        request.put("session_id", sessionId);
        request.put("persist", false);
        Map<String, Object> sent = FalconApi.firstResource(api.checked(api.request("POST", COMMAND).json(request).send()));
        String cloudRequestId = text(sent.get("cloud_request_id"));
        if (cloudRequestId == null) {
            throw call.failure("Real Time Response accepted the kill command without a cloud_request_id");
        }
        call.log("info", call.action() + ": kill " + pid + " sent to " + deviceId + " (cloud request " + cloudRequestId
                + ", step " + call.idempotencyKey() + ")");

        Map<String, Object> result = poll(cloudRequestId, deadline);
        boolean complete = Boolean.TRUE.equals(result.get("complete"));
        if (complete) {
            close(sessionId);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("device_id", deviceId);
        out.put("pid", pid);
        out.put("session_id", sessionId);
        out.put("cloud_request_id", cloudRequestId);
        out.put("complete", complete);
        out.put("stdout", result.getOrDefault("stdout", ""));
        out.put("stderr", result.getOrDefault("stderr", ""));
        String stderr = text(result.get("stderr"));
        if (complete && stderr != null) {
            throw new StepFailure("ConnectorExecutionError", call.action() + ": the host answered kill " + pid + " with: "
                    + stderr, out);
        }
        return out;
    }

    private String open(String deviceId) throws StepFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("device_id", deviceId);
        body.put("origin", "vigil");
        body.put("queue_offline", false);
        String sessionId = text(FalconApi.firstResource(api.checked(api.request("POST", SESSIONS).json(body).send()))
                .get("session_id"));
        if (sessionId == null) {
            throw call.failure("Real Time Response opened no session on " + deviceId);
        }
        return sessionId;
    }

    private Map<String, Object> poll(String cloudRequestId, long deadline) throws StepFailure {
        while (true) {
            Map<String, Object> result = FalconApi.firstResource(api.checked(api.request("GET", COMMAND)
                    .query("cloud_request_id", cloudRequestId).query("sequence_id", 0).send()));
            if (Boolean.TRUE.equals(result.get("complete")) || System.nanoTime() + pollInterval.toNanos() > deadline) {
                return result;
            }
            try {
                Thread.sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailure("HttpRequestCancelledError", call.action() + ": cancelled while waiting for "
                        + "the kill command's result", null);
            }
        }
    }

    /** Best effort: the command's result is in hand, and Falcon closes idle sessions itself. */
    private void close(String sessionId) {
        try {
            api.request("DELETE", SESSIONS).query("session_id", sessionId).send();
        } catch (StepFailure failure) {
            call.log("warn", call.action() + ": could not close Real Time Response session " + sessionId + ": "
                    + failure.getMessage());
        }
    }

    private Duration bounded(Duration wait) {
        Duration remaining = call.remaining();
        if (remaining == null) {
            return wait;
        }
        Duration usable = remaining.minus(MARGIN);
        return usable.isNegative() ? Duration.ZERO : usable.compareTo(wait) < 0 ? usable : wait;
    }

    private static String text(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }
}
