package dev.vigil.connectors.firewall;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.IpLiteral;
import dev.vigil.connectors.IpNetwork;
import dev.vigil.steps.StepFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * What a block must never hit. Addresses that name no single outside host are refused always: 0.0.0.0 and
 * {@code ::} (some firewalls read them as "any", so blocking them cuts off everything), loopback, multicast and the
 * broadcast address. Private addresses are allowed: an internal host is a normal thing to contain. The connector's
 * {@code protectedNetworks} adds what this site must never block (its DNS servers, gateways, domain controllers,
 * the SOAR itself), as addresses or CIDR blocks, a list or comma-separated.
 */
final class BlockSafety {

    private final ConnectorCall call;

    BlockSafety(ConnectorCall call) {
        this.call = call;
    }

    void check(IpLiteral ip) throws StepFailure {
        String special = ip.special();
        if (special != null) {
            throw call.failure("refusing to block " + ip.text() + ": it is " + special
                    + ", which names no single outside host");
        }
        for (IpNetwork network : protectedNetworks()) {
            if (network.contains(ip)) {
                throw call.failure("refusing to block " + ip.text() + ": it is in the connector's protectedNetworks ("
                        + network + ")");
            }
        }
    }

    private List<IpNetwork> protectedNetworks() throws StepFailure {
        Object option = call.connector().config().get("protectedNetworks");
        List<String> texts = new ArrayList<>();
        if (option instanceof List<?> list) {
            list.forEach(item -> texts.add(String.valueOf(item)));
        } else if (option != null) {
            texts.addAll(List.of(String.valueOf(option).split(",")));
        }
        List<IpNetwork> networks = new ArrayList<>();
        for (String text : texts) {
            if (text.isBlank()) {
                continue;
            }
            // a protection that does not parse must stop the block, not be skipped
            networks.add(IpNetwork.parse(text).orElseThrow(() -> call.failure("connector "
                    + call.connector().name() + ": protectedNetworks entry '" + text.strip()
                    + "' is not an IP address or CIDR block; nothing was blocked")));
        }
        return networks;
    }
}
