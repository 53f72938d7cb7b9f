package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook secret generations on {@link JdbcWebhookStore}, run against every database; subclasses give it. */
abstract class WebhookStoreContract {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final List<JdbcJobStore> opened = new ArrayList<>();

    abstract String url();

    String user() {
        return null;
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcJobStore::close);
        opened.clear();
    }

    private JdbcWebhookStore open() {
        JdbcJobStore jobs = JdbcJobStore.open(url(), user(), null);
        opened.add(jobs);
        return new JdbcWebhookStore(jobs);
    }

    @Test
    void aWorkflowStartsAtGenerationOneAndEachRotationMovesItOn() {
        JdbcWebhookStore store = open();
        assertThat(store.generation("triage")).isEqualTo(1);
        assertThat(store.rotate("triage", "apikey:admin", T0)).isEqualTo(2);
        assertThat(store.rotate("triage", "apikey:admin", T0.plusSeconds(1))).isEqualTo(3);
        assertThat(store.generation("triage")).isEqualTo(3);
        assertThat(store.generation("other")).as("generations are per workflow").isEqualTo(1);
    }

    @Test
    void aSignatureIsDeliveredOnceUntilItIsForgottenAfterTheWindow() {
        JdbcWebhookStore store = open();
        assertThat(store.firstDelivery("sha256=aa", "triage", T0, T0.minusSeconds(600))).isTrue();
        assertThat(store.firstDelivery("sha256=aa", "triage", T0.plusSeconds(1), T0.minusSeconds(599))).isFalse();
        assertThat(open().firstDelivery("sha256=aa", "triage", T0.plusSeconds(2), T0.minusSeconds(598)))
                .as("another node on the same database").isFalse();
        assertThat(store.firstDelivery("sha256=bb", "triage", T0.plusSeconds(3), T0.minusSeconds(597))).isTrue();
        // ten minutes later the first signature is forgotten (its timestamp would be refused by then anyway)
        assertThat(store.firstDelivery("sha256=aa", "triage", T0.plusSeconds(700), T0.plusSeconds(100))).isTrue();
    }

    @Test
    void anotherNodeOrARestartSeesTheSameGeneration() {
        open().rotate("shared", "apikey:admin", T0);
        assertThat(open().generation("shared")).isEqualTo(2);
    }
}
