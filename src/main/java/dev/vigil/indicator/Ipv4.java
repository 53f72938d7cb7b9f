package dev.vigil.indicator;

/** Strict dotted-quad IPv4: four decimal octets 0–255, no leading zeros (which some parsers read as octal). */
final class Ipv4 {

    private Ipv4() {
    }

    /** The address as an unsigned 32-bit value, or -1 when {@code text} is not a strict dotted quad. */
    static long parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long address = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return -1;
            }
            int octet = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                octet = octet * 10 + (c - '0');
            }
            if (octet > 255) {
                return -1;
            }
            address = (address << 8) | octet;
        }
        return address;
    }

    static String format(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }

    /** False for the IANA special-purpose ranges no outside reputation service can say anything about. */
    static boolean routable(long a) {
        return !(in(a, 0x00000000L, 8)          // "this network"
                || in(a, 0x0A000000L, 8)        // RFC 1918
                || in(a, 0x64400000L, 10)       // carrier-grade NAT
                || in(a, 0x7F000000L, 8)        // loopback
                || in(a, 0xA9FE0000L, 16)       // link-local
                || in(a, 0xAC100000L, 12)       // RFC 1918
                || in(a, 0xC0000000L, 24)       // IETF protocol assignments
                || in(a, 0xC0000200L, 24)       // TEST-NET-1 (documentation)
                || in(a, 0xC0A80000L, 16)       // RFC 1918
                || in(a, 0xC6120000L, 15)       // benchmarking
                || in(a, 0xC6336400L, 24)       // TEST-NET-2 (documentation)
                || in(a, 0xCB007100L, 24)       // TEST-NET-3 (documentation)
                || in(a, 0xE0000000L, 4)        // multicast
                || in(a, 0xF0000000L, 4));      // reserved, and the broadcast address
    }

    private static boolean in(long address, long network, int prefix) {
        long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (address & mask) == network;
    }
}
