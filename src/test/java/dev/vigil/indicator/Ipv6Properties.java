package dev.vigil.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import java.util.List;

class Ipv6Properties {

    /** Zero-heavy groups, so the {@code ::} placement rules (longest run, first of equal runs) are exercised. */
    @Property
    void the_canonical_form_parses_back_to_the_same_address(
            @ForAll @Size(8) List<@IntRange(min = 0, max = 3) Integer> shapes, @ForAll @Size(8) List<@IntRange(min = 1, max = 0xFFFF) Integer> values) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = shapes.get(i) == 0 ? values.get(i) : 0;
        }
        String canonical = Ipv6.format(groups);

        assertThat(Ipv6.parse(canonical)).containsExactly(groups);
        assertThat(Ipv6.format(Ipv6.parse(canonical))).isEqualTo(canonical);
        assertThat(canonical).doesNotContain(":::").doesNotContainPattern("(^|:)0[0-9a-f]");
    }
}
