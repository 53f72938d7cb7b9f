package dev.vigil.connectors;

import com.google.common.net.InetAddresses;
import dev.vigil.steps.StepFailure;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * An IP address given to a connector action: an IPv4 dotted quad or an IPv6 literal, never a host name. Guava's
 * {@link InetAddresses} parses literals only, so nothing is looked up in DNS, and it refuses octets with leading
 * zeros that some parsers read as octal. {@code text} is the canonical form services are sent: RFC 5952 for IPv6,
 * and an IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) becomes its IPv4 address.
 */
public record IpLiteral(String text, InetAddress address) {

    /** The address, or empty when {@code value} is not an IP literal (a zone such as {@code %eth0} is refused). */
    public static Optional<IpLiteral> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.indexOf('%') >= 0 || !InetAddresses.isInetAddress(text)) {
            return Optional.empty();
        }
        InetAddress address = InetAddresses.forString(text);
        return Optional.of(new IpLiteral(InetAddresses.toAddrString(address), address));
    }

    /** The first of the step's params {@code names} that is present, which must be an IP address. */
    public static IpLiteral required(ConnectorCall call, String... names) throws StepFailure {
        String value = call.requiredAny(names);
        return parse(value).orElseThrow(() -> call.failure("with." + names[0] + " must be an IPv4 or IPv6 address,"
                + " got '" + shorten(value) + "'"));
    }

    public boolean isV6() {
        return address instanceof Inet6Address;
    }

    /** 32 or 128. */
    public int bits() {
        return address.getAddress().length * 8;
    }

    /**
     * What makes this address one that names no single outside host, or null when it is an ordinary address:
     * "the unspecified address" (0.0.0.0, ::), "a loopback address", "a multicast address", "the broadcast address".
     */
    public String special() {
        if (address.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        if (address instanceof Inet4Address && text.equals("255.255.255.255")) {
            return "the broadcast address";
        }
        return null;
    }

    static String shorten(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
