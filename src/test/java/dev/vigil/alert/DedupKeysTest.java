package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedupKeysTest {

    private static String key(Object payload) {
        return DedupKeys.of(AlertEvents.from(payload));
    }

    @Test
    void theKibanaAlertUuidIdentifiesAnAlertWhateverElseChanged() {
        String first = key(Map.of("kibana.alert.uuid", "u-1", "kibana.alert.rule.uuid", "r-1", "@timestamp", "t1"));
        String again = key(Map.of("kibana.alert.uuid", "u-1", "kibana.alert.rule.uuid", "r-1", "@timestamp", "t2"));
        String otherAlert = key(Map.of("kibana.alert.uuid", "u-2", "kibana.alert.rule.uuid", "r-1"));
        String otherRule = key(Map.of("kibana.alert.uuid", "u-1", "kibana.alert.rule.uuid", "r-2"));
        assertThat(first).isEqualTo(again).hasSize(64).isNotEqualTo(otherAlert).isNotEqualTo(otherRule);
    }

    @Test
    void idOrUnderscoreIdIdentifyAGenericAlert() {
        assertThat(key(Map.of("id", "x-1", "seen", 1))).isEqualTo(key(Map.of("id", "x-1", "seen", 2)));
        assertThat(key(Map.of("_id", "x-1", "seen", 1))).isEqualTo(key(Map.of("_id", "x-1", "seen", 2)));
    }

    @Test
    void withoutAnIdTheCanonicalJsonIdentifiesTheAlertWhateverTheKeyOrder() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", Map.of("y", 2, "x", List.of(1, 2)));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", Map.of("x", List.of(1, 2), "y", 2));
        ba.put("a", 1);
        assertThat(key(ab)).isEqualTo(key(ba));
        assertThat(key(Map.of("a", 1))).isNotEqualTo(key(Map.of("a", 2)));
    }
}
