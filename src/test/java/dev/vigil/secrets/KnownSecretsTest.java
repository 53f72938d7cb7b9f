package dev.vigil.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownSecretsTest {

    @Test
    void replacesSecretsAsWrittenJsonEscapedAndUrlEncoded() {
        KnownSecrets.add("pa\"ss wörd/+1");
        KnownSecrets.add("tok-abcdef-123456");
        String json = Json.write(Map.of("a", "x pa\"ss wörd/+1 y", "b", "Bearer tok-abcdef-123456"));
        assertThat(KnownSecrets.redact(json)).doesNotContain("tok-abcdef").doesNotContain("wörd")
                .contains("Bearer " + KnownSecrets.MASK);
        assertThat(KnownSecrets.redact("GET /x?key=pa%22ss%20w%C3%B6rd%2F%2B1")).isEqualTo("GET /x?key=" + KnownSecrets.MASK);
        assertThat(KnownSecrets.redact("GET /x?key=pa%22ss+w%C3%B6rd%2F%2B1")).isEqualTo("GET /x?key=" + KnownSecrets.MASK);
    }

    @Test
    void shortValuesAreNotSecretsAndTextWithoutSecretsIsReturnedAsIs() {
        KnownSecrets.add("abc");
        String text = "abc is not redacted";
        assertThat(KnownSecrets.redact(text)).isSameAs(text);
    }

    @Test
    void aSecretContainingAnotherIsReplacedWhole() {
        KnownSecrets.add("inner-secret-1");
        KnownSecrets.add("outer-inner-secret-1-outer");
        assertThat(KnownSecrets.redact("[outer-inner-secret-1-outer]")).isEqualTo("[" + KnownSecrets.MASK + "]");
    }
}
