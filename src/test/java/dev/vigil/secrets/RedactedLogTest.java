package dev.vigil.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shipped logback.xml: a known secret never reaches log output, in a message or in a stack trace. */
class RedactedLogTest {

    private static final Logger LOG = LoggerFactory.getLogger(RedactedLogTest.class);

    @Test
    void messagesAndStackTracesAreRedacted() {
        String secret = "xoxb-log-secret-5521";
        KnownSecrets.add(secret);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LOG.warn("calling with token {}", secret,
                    new IllegalStateException("upstream said: bad token " + secret));
        } finally {
            System.setErr(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("calling with token " + KnownSecrets.MASK)
                .contains("IllegalStateException: upstream said: bad token " + KnownSecrets.MASK)
                .contains("at dev.vigil.secrets.RedactedLogTest")
                .doesNotContain(secret);
    }
}
