package dev.vigil.indicator;

/**
 * IPv6 parsed by hand: {@code InetAddress} would resolve anything that is not a literal through DNS, and an
 * alert must never make Vigil look a name up. Output is the RFC 5952 canonical form.
 */
final class Ipv6 {

    private Ipv6() {
    }

    /** The eight 16-bit groups, or null when {@code text} is not an IPv6 literal (a zone {@code %eth0} is dropped). */
    static int[] parse(String text) {
        int zone = text.indexOf('%');
        String s = zone >= 0 ? text.substring(0, zone) : text;
        if (s.length() < 2 || s.indexOf(':') < 0) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap >= 0 ? groups(s.substring(0, gap)) : groups(s);
        int[] tail = gap >= 0 ? groups(s.substring(gap + 2)) : new int[0];
        if (head == null || tail == null) {
            return null;
        }
        int filled = head.length + tail.length;
        if (gap < 0 ? filled != 8 : filled > 7) {
            return null;
        }
        int[] result = new int[8];
        System.arraycopy(head, 0, result, 0, head.length);
        System.arraycopy(tail, 0, result, 8 - tail.length, tail.length);
        return result;
    }

    /** Colon-separated groups; the last may be a dotted IPv4 counting as two groups. Empty text is no groups. */
    private static int[] groups(String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] items = part.split(":", -1);
        String last = items[items.length - 1];
        boolean v4 = last.indexOf('.') >= 0;
        int[] out = new int[items.length + (v4 ? 1 : 0)];
        for (int i = 0; i < items.length - (v4 ? 1 : 0); i++) {
            String g = items[i];
            if (g.isEmpty() || g.length() > 4) {
                return null;
            }
            try {
                out[i] = Integer.parseInt(g, 16);
            } catch (NumberFormatException notHex) {
                return null;
            }
            if (g.charAt(0) == '+' || g.charAt(0) == '-') {
                return null;
            }
        }
        if (v4) {
            long address = Ipv4.parse(last);
            if (address < 0) {
                return null;
            }
            out[out.length - 2] = (int) (address >> 16);
            out[out.length - 1] = (int) (address & 0xFFFF);
        }
        return out;
    }

    /** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    static String format(int[] g) {
        if (isV4Mapped(g)) {
            return "::ffff:" + Ipv4.format(embeddedV4(g));
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }

    static boolean routable(int[] g) {
        if (isV4Mapped(g)) {
            return Ipv4.routable(embeddedV4(g));
        }
        boolean zeroUpTo7 = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0 && g[6] == 0;
        return !(zeroUpTo7 && (g[7] == 0 || g[7] == 1)) // unspecified, loopback
                && (g[0] & 0xFFC0) != 0xFE80            // link-local
                && (g[0] & 0xFE00) != 0xFC00            // unique local
                && (g[0] & 0xFF00) != 0xFF00            // multicast
                && !(g[0] == 0x2001 && g[1] == 0x0DB8)  // documentation (RFC 3849)
                && !(g[0] == 0x3FFF && g[1] < 0x1000);  // documentation (RFC 9637)
    }

    private static boolean isV4Mapped(int[] g) {
        return g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xFFFF;
    }

    private static long embeddedV4(int[] g) {
        return ((long) g[6] << 16) | g[7];
    }
}
