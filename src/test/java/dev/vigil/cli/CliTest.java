package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Result vigil(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new VigilCommand()).execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path file(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, text);
        return path;
    }

    @Test
    void workerWithADatabaseItCannotReachSaysWhyAndExitsOneWithoutAStackTrace() {
        Result result = vigil("worker", "--db", "jdbc:postgresql://127.0.0.1:1/vigil?password=s3cret");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).startsWith("vigil worker: cannot open the job store at jdbc:postgresql://127.0.0.1:1/")
                .contains("Connection to 127.0.0.1:1 refused")
                .doesNotContain("s3cret")
                .doesNotContain("\tat ");
    }

    @Test
    void validatePrintsEachProblemAsFileLineColumnAndExitsTwo() throws IOException {
        Path good = file("good.yaml", """
                name: good
                triggers: [{type: manual}]
                steps:
                  - {name: hello, type: console, with: {message: hi}}
                """);
        Path bad = file("bad.yaml", """
                name: bad
                triggers: [{type: manual}]
                steps:
                  - name: hello
                    type: consle
                    with: {message: hi}
                """);
        Result ok = vigil("validate", good.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).isEmpty();
        Result result = vigil("validate", good.toString(), bad.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out().lines().toList()).singleElement().asString()
                .startsWith(bad + ":5:11: ").contains("unknown step type 'consle'").contains("'console'");
    }

    @Test
    void validateReportsAMissingFileWithoutAStackTrace() {
        Result result = vigil("validate", dir.resolve("nope.yaml").toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).contains("nope.yaml: no such file");
    }

    @Test
    void runPrintsTheExecutionRecordAsJsonAndExitsZeroWhenCompleted() throws IOException {
        Path workflow = file("hello.yaml", """
                name: hello
                triggers:
                  - type: manual
                    inputs:
                      - {name: who, type: string, required: true}
                steps:
                  - name: greet
                    type: console
                    with: {message: "hello {{ inputs.who }}"}
                  - name: out
                    type: workflow.output
                    with: {greeting: "${{ steps.greet.output }}"}
                """);
        Result result = vigil("run", workflow.toString(), "--inputs", "{\"who\":\"soc\"}", "--json");
        assertThat(result.exit()).as(result.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(result.out());
        assertThat(json).containsEntry("status", "completed").containsEntry("output", Map.of("greeting", "hello soc"))
                .containsKeys("startedAt", "finishedAt", "durationMs", "error", "steps");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) json.get("steps");
        assertThat(steps.getFirst()).containsEntry("name", "greet").containsEntry("type", "console")
                .containsEntry("status", "completed").containsEntry("output", "hello soc").containsEntry("mocked", false)
                .containsKeys("input", "error", "startedAt", "durationMs");
    }

    @Test
    void runExitsOneOnFailureTwoOnInvalidAndThreeWhenWaitingForInput() throws IOException {
        Path failing = file("fail.yaml", """
                name: fail
                triggers: [{type: manual}]
                steps:
                  - {name: stop, type: workflow.fail, with: {message: nope}}
                """);
        assertThat(vigil("run", failing.toString()).exit()).isEqualTo(1);
        Path invalid = file("invalid.yaml", "name: x\nsteps: 3\n");
        assertThat(vigil("run", invalid.toString()).exit()).isEqualTo(2);
        Path waiting = file("wait.yaml", """
                name: approval
                triggers: [{type: manual}]
                steps:
                  - {name: ask, type: waitForApproval, with: {message: "ok?"}}
                """);
        Result paused = vigil("run", waiting.toString());
        assertThat(paused.exit()).isEqualTo(3);
        assertThat(paused.out()).contains("status:   waiting_for_input").contains("ask [waitForApproval] waiting_for_input");
        Result badInputs = vigil("run", failing.toString(), "--inputs", "[1]");
        assertThat(badInputs.exit()).isEqualTo(2);
        assertThat(badInputs.err()).contains("--inputs must be a JSON object");
    }

    @Test
    void runWithPinsAndOfflineNeverReachesOutsideAndMarksStepsMocked() throws IOException {
        Path workflow = file("triage.yaml", """
                name: triage
                triggers: [{type: alert}]
                steps:
                  - name: vt
                    type: http
                    with:
                      url: "https://www.virustotal.com/api/v3/files/{{ event.alerts[0].file.hash.sha256 }}"
                  - name: abuse
                    type: http
                    with: {url: "https://api.abuseipdb.com/api/v2/check"}
                  - name: verdict
                    type: if
                    condition: "steps.vt.output.data.malicious > 3"
                    steps:
                      - {name: contain, type: console, with: {message: "contain {{ event.alerts[0].host.name }}"}}
                """);
        Path pins = file("pins.yaml", """
                vt:
                  output: {status: 200, data: {malicious: 12}}
                """);
        Path alert = file("alert.json", """
                {"host.name": "web-1", "file": {"hash": {"sha256": "abc"}}, "kibana.alert.rule.name": "Malware"}
                """);
        Result result = vigil("run", workflow.toString(), "--event", alert.toString(), "--mock", pins.toString(),
                "--offline", "--json");
        assertThat(result.exit()).as(result.err()).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(result.out())).get("steps");
        assertThat(steps).extracting(s -> s.get("name") + "=" + s.get("mocked") + ":" + s.get("output")).containsExactly(
                "vt=true:{status=200, data={malicious=12}}", "abuse=true:{}", "verdict=false:null", "contain=false:contain web-1");
        assertThat(steps.getFirst().get("input")).isEqualTo(Map.of("url", "https://www.virustotal.com/api/v3/files/abc"));
    }

    @Test
    void aBrokenPinsFileIsRefusedWithTheReason() throws IOException {
        Path workflow = file("w.yaml", "name: w\ntriggers: [{type: manual}]\nsteps: [{name: a, type: console, with: {message: x}}]\n");
        Path pins = file("pins.yaml", "a: {result: 1}\n");
        Result result = vigil("run", workflow.toString(), "--mock", pins.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("pin 'a' must have exactly one of output or error");
    }
}
