package dev.vigil.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "0:0:0:0:0:0:0:0, ::",
            "::1, ::1",
            "fe80::1%eth0, fe80::1",
            "::ffff:c000:0280, ::ffff:192.0.2.128",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3",
    })
    void ipv6_is_written_in_rfc_5952_canonical_form(String input, String canonical) {
        assertThat(Ipv6.format(Ipv6.parse(input))).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1", "g::1", "00:1a:2b:3c:4d:5e",
            "::ffff:999.1.1.1", ":1:2:3:4:5:6:7"})
    void malformed_ipv6_is_refused(String input) {
        assertThat(Ipv6.parse(input)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "127.0.0.1", "169.254.1.1",
            "100.64.0.1", "192.0.2.10", "198.51.100.7", "203.0.113.99", "224.0.0.251", "255.255.255.255", "0.0.0.0"})
    void private_loopback_link_local_documentation_and_reserved_ipv4_is_not_routable(String ip) {
        assertThat(Ipv4.routable(Ipv4.parse(ip))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.2.3.4", "172.32.0.1", "45.33.32.156", "198.51.101.1", "203.0.114.1"})
    void public_ipv4_is_routable(String ip) {
        assertThat(Ipv4.routable(Ipv4.parse(ip))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "fe80::1", "fd12:3456::1", "ff02::1", "2001:db8:1::1", "::ffff:10.0.0.1", "3fff::1"})
    void special_ipv6_is_not_routable(String ip) {
        assertThat(Ipv6.routable(Ipv6.parse(ip))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2606:4700:4700::1111", "2a00:1450:4001:82a::200e", "::ffff:8.8.8.8"})
    void public_ipv6_is_routable(String ip) {
        assertThat(Ipv6.routable(Ipv6.parse(ip))).isTrue();
    }
}
