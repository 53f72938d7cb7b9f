package dev.vigil.connectors;

import java.util.Optional;

/**
 * A block of addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address is the block
 * of that one address.
 */
public record IpNetwork(IpLiteral base, int prefix) {

    public IpNetwork {
        if (prefix < 0 || prefix > base.bits()) {
            throw new IllegalArgumentException("prefix " + prefix + " out of range for " + base.text());
        }
    }

    /** The network, or empty when {@code value} is not an address with an optional {@code /prefix}. */
    public static Optional<IpNetwork> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        int slash = text.indexOf('/');
        Optional<IpLiteral> base = IpLiteral.parse(slash < 0 ? text : text.substring(0, slash));
        if (base.isEmpty()) {
            return Optional.empty();
        }
        if (slash < 0) {
            return Optional.of(new IpNetwork(base.get(), base.get().bits()));
        }
        String digits = text.substring(slash + 1);
        if (!digits.matches("\\d{1,3}") || Integer.parseInt(digits) > base.get().bits()) {
            return Optional.empty();
        }
        return Optional.of(new IpNetwork(base.get(), Integer.parseInt(digits)));
    }

    /** True when {@code ip} is of the same family and its first {@code prefix} bits are the network's. */
    public boolean contains(IpLiteral ip) {
        byte[] network = base.address().getAddress();
        byte[] address = ip.address().getAddress();
        if (network.length != address.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((network[bit / 8] & mask) != (address[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return base.text() + "/" + prefix;
    }
}
