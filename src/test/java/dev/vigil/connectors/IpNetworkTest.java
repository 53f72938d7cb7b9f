package dev.vigil.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpNetworkTest {

    static IpLiteral ip(String text) {
        return IpLiteral.parse(text).orElseThrow();
    }

    @Test
    void containsComparesOnlyThePrefixBitsOfTheSameFamily() {
        IpNetwork net = IpNetwork.parse("172.16.0.0/12").orElseThrow();
        assertThat(net.contains(ip("172.31.255.255"))).isTrue();
        assertThat(net.contains(ip("172.32.0.0"))).isFalse();
        assertThat(net.contains(ip("::ffff:172.20.0.1"))).as("IPv4-mapped is IPv4").isTrue();
        assertThat(net.contains(ip("2001:db8::1"))).isFalse();
        assertThat(IpNetwork.parse("0.0.0.0/0").orElseThrow().contains(ip("8.8.8.8"))).isTrue();
        assertThat(IpNetwork.parse("2001:db8::/33").orElseThrow().contains(ip("2001:db8:7fff::1"))).isTrue();
        assertThat(IpNetwork.parse("2001:db8::/33").orElseThrow().contains(ip("2001:db8:8000::1"))).isFalse();
        assertThat(IpNetwork.parse("192.0.2.1").orElseThrow()).hasToString("192.0.2.1/32");
    }

    @Test
    void onlyAddressesWithAPrefixInRangeParse() {
        assertThat(IpNetwork.parse("10.0.0.0/33")).isEmpty();
        assertThat(IpNetwork.parse("10.0.0.0/")).isEmpty();
        assertThat(IpNetwork.parse("10.0.0/8")).isEmpty();
        assertThat(IpNetwork.parse("example.com/24")).isEmpty();
        assertThat(IpNetwork.parse("::/129")).isEmpty();
        assertThat(IpNetwork.parse(" 10.0.0.0/8 ")).isPresent();
    }

    @Test
    void ipLiteralsAreCanonicalAndNeverNames() {
        assertThat(ip(" 2001:DB8:0:0::1 ").text()).isEqualTo("2001:db8::1");
        assertThat(ip("::ffff:10.0.0.1").text()).isEqualTo("10.0.0.1");
        assertThat(IpLiteral.parse("localhost")).isEmpty();
        assertThat(IpLiteral.parse("010.0.0.1")).as("octal-looking octets").isEmpty();
        assertThat(IpLiteral.parse("fe80::1%eth0")).isEmpty();
        assertThat(ip("10.0.0.1").special()).isNull();
        assertThat(ip("127.1.2.3").special()).isEqualTo("a loopback address");
    }
}
