package dev.vigil.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyMaterialTest {

    @Test
    void aKeyIsThePrefixItsIdAnd32RandomBytesInBase64url() {
        KeyMaterial.Generated generated = KeyMaterial.generate();
        String key = generated.key();
        assertThat(key).startsWith("vgl_" + generated.id() + "_").hasSize(4 + 12 + 1 + 43);
        assertThat(generated.id()).matches("[0-9a-f]{12}");
        assertThat(Base64.getUrlDecoder().decode(key.substring(17))).hasSize(32);
        assertThat(KeyMaterial.idOf(key)).contains(generated.id());
    }

    @Test
    void keysDoNotRepeat() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(keys.add(KeyMaterial.generate().key())).isTrue();
        }
    }

    @Test
    void aTextNotOfOurFormHasNoId() {
        assertThat(KeyMaterial.idOf("correct horse battery staple and some more words")).isEmpty();
        assertThat(KeyMaterial.idOf("vgl_0123456789ab_tooShort")).isEmpty();
        assertThat(KeyMaterial.idOf("vgl_0123456789AB_" + "a".repeat(43))).isEmpty();
    }

    @Test
    void theHeaderIsApiKeyThenTheKeyAndNothingElse() {
        String key = KeyMaterial.generate().key();
        assertThat(KeyMaterial.fromHeader("ApiKey " + key)).contains(key);
        assertThat(KeyMaterial.fromHeader("apikey " + key)).contains(key);
        assertThat(KeyMaterial.fromHeader("APIKEY   " + key)).contains(key);
        assertThat(KeyMaterial.fromHeader(null)).isEmpty();
        assertThat(KeyMaterial.fromHeader("")).isEmpty();
        assertThat(KeyMaterial.fromHeader("ApiKey")).isEmpty();
        assertThat(KeyMaterial.fromHeader("ApiKey ")).isEmpty();
        assertThat(KeyMaterial.fromHeader("Bearer " + key)).isEmpty();
        assertThat(KeyMaterial.fromHeader("Bearer x")).isEmpty();
        assertThat(KeyMaterial.fromHeader("ApiKey" + key)).isEmpty();
        assertThat(KeyMaterial.fromHeader("ApiKey " + key + " extra")).isEmpty();
        assertThat(KeyMaterial.fromHeader("ApiKey " + key + "\n")).isEmpty();
        assertThat(KeyMaterial.fromHeader("ApiKey short")).isEmpty();
        assertThat(KeyMaterial.fromHeader("ApiKey " + "x".repeat(513))).isEmpty();
        assertThat(KeyMaterial.fromHeader("ApiKey " + "é".repeat(40))).isEmpty();
    }

    @Test
    void hashesAreComparedAsEqualOnlyWhenEqual() {
        String a = KeyMaterial.hash("vgl_a");
        assertThat(a).hasSize(64);
        assertThat(KeyMaterial.sameHash(a, KeyMaterial.hash("vgl_a"))).isTrue();
        assertThat(KeyMaterial.sameHash(a, KeyMaterial.hash("vgl_b"))).isFalse();
    }

    @Test
    void noRecordThatHoldsASecretPrintsIt() {
        KeyMaterial.Generated generated = KeyMaterial.generate();
        String hash = KeyMaterial.hash(generated.key());
        ApiKeyInfo info = new ApiKeyInfo(generated.id(), "n", Role.ADMIN, java.time.Instant.EPOCH, "t", null, null,
                null);
        assertThat(generated.toString()).doesNotContain(generated.key()).contains(generated.id());
        assertThat(new StoredKey(info, hash).toString()).doesNotContain(hash).contains(generated.id());
        assertThat(new ApiKeys.Created(info, generated.key()).toString()).doesNotContain(generated.key())
                .doesNotContain(generated.key().substring(17));
    }
}
