package dev.vigil.investigations;

import java.util.List;

/**
 * What grouping an alert did: what the investigation and indicator triggers start from.
 *
 * @param opened        true when the alert opened the investigation, false when it joined one
 * @param newIndicators the indicators the investigation did not have before the alert: all of them when it opened
 */
public record Grouping(Investigation investigation, boolean opened, List<Investigation.Indicator> newIndicators) {

    public Grouping {
        newIndicators = List.copyOf(newIndicators);
    }
}
