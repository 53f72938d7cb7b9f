package dev.vigil.connectors.virustotal;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.HttpAuth;
import dev.vigil.steps.StepFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of one VirusTotal action, and what its output is.
 *
 * <p>Kibana's VirusTotal connector answers an HTTP error with {@code {id: null, error: {status, message, details}}}
 * instead of failing, unless the step sets {@code failOnError: true}; corpus workflows are written for that (they
 * read {@code output.error.status}, 404 meaning "VirusTotal has no record"). Vigil does the same, after
 * {@link ConnectorHttp} has retried 429 (VirusTotal's {@code QuotaExceededError}, sent without Retry-After, so 1 s
 * then 2 s) and 503. A 404 also says {@code found: false}. Failures with no HTTP answer (timeout, connection
 * refused) and invalid params always fail the step.
 */
final class VirusTotalApi {

    private final ConnectorCall call;
    private final boolean failOnError;

    VirusTotalApi(ConnectorCall call, boolean failOnError) {
        this.call = call;
        this.failOnError = failOnError;
    }

    String url(String path) {
        String base = call.connector().option("baseUrl");
        if (base == null || base.isBlank()) {
            base = VirusTotalConnector.DEFAULT_BASE_URL;
        }
        return base.strip().replaceAll("/+$", "") + "/" + path;
    }

    ConnectorHttp.Response get(String path) throws StepFailure {
        return request("GET", path).send();
    }

    /** {@code GET path}: the VirusTotal object, or the error as an answer. */
    Object lookup(String path) throws StepFailure {
        try {
            return output(get(path).object());
        } catch (StepFailure failure) {
            return answer(failure);
        }
    }

    /**
     * {@code POST /urls} then {@code GET /analyses/{id}}: the new analysis, usually still {@code queued} with zero
     * counts; its id is what {@code getAnalysisResults} polls.
     */
    Object submitUrl(String url) throws StepFailure {
        try {
            Map<String, Object> submitted = request("POST", "urls").form(Map.of("url", url)).send().object();
            if (!(submitted.get("data") instanceof Map<?, ?> data) || !(data.get("id") instanceof String analysisId)) {
                throw call.failure("VirusTotal answered POST /urls without an analysis id");
            }
            Map<String, Object> output = output(get("analyses/" + URLEncoder.encode(analysisId,
                    StandardCharsets.UTF_8)).object());
            output.put("url", url);
            return output;
        } catch (StepFailure failure) {
            return answer(failure);
        }
    }

    private ConnectorHttp.Request request(String method, String path) throws StepFailure {
        return call.http().request(method, url(path))
                .auth(new HttpAuth.Header("x-apikey", call.connector().requireSecret("apiKey")))
                .header("Accept", "application/json");
    }

    /**
     * {@code {found: true, id, type, links, attributes, stats}}, with {@code reputation}, {@code country} and
     * {@code status} lifted from the attributes when VirusTotal sends them (Kibana's outputs have them at the top).
     */
    private Map<String, Object> output(Map<String, Object> body) throws StepFailure {
        if (!(body.get("data") instanceof Map<?, ?> data)) {
            throw call.failure("VirusTotal answered without a data object");
        }
        Map<?, ?> attributes = data.get("attributes") instanceof Map<?, ?> a ? a : Map.of();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("found", true);
        output.put("id", data.get("id"));
        output.put("type", data.get("type"));
        output.put("attributes", attributes);
        output.put("stats", attributes.get("stats") instanceof Map<?, ?> stats ? stats
                : attributes.get("last_analysis_stats"));
        for (String lifted : List.of("reputation", "country", "status")) {
            if (attributes.containsKey(lifted)) {
                output.put(lifted, attributes.get(lifted));
            }
        }
        if (data.get("links") != null) {
            output.put("links", data.get("links"));
        }
        return output;
    }

    /** An HTTP error as the step's output (see the class comment), or the failure itself. */
    private Object answer(StepFailure failure) throws StepFailure {
        if (failOnError || failure.details() == null || !(failure.details().get("status") instanceof Long status)) {
            throw failure;
        }
        Map<?, ?> vtError = failure.details().get("data") instanceof Map<?, ?> body
                && body.get("error") instanceof Map<?, ?> e ? e : null;
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("code", vtError == null ? null : vtError.get("code"));
        error.put("message", vtError != null && vtError.get("message") instanceof String m ? m : failure.getMessage());
        if (failure.details().get("retryAfterSeconds") instanceof Long wait) {
            error.put("retryAfterSeconds", wait);
        }
        error.put("details", vtError);
        Map<String, Object> output = new LinkedHashMap<>();
        if (status == 404) {
            output.put("found", false);
        }
        output.put("id", null);
        output.put("error", error);
        call.log(status == 404 ? "info" : "warn", call.action() + ": VirusTotal answered HTTP " + status
                + (error.get("code") == null ? "" : " " + error.get("code")) + "; the step's output.error says so"
                + (status == 404 ? "" : " (failOnError: true fails the step instead)"));
        return output;
    }
}
