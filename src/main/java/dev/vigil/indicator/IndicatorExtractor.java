package dev.vigil.indicator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Extracts indicators from an alert, a batch of alerts or an Elastic event in the value model (maps, lists,
 * strings, numbers). Pure: no DNS, no network, no state; safe to share across threads.
 *
 * <p>A field whose name says what it holds ({@code source.ip}, {@code url.full}, {@code file.hash.sha256},
 * {@code email.from.address}) is taken whole as that kind, even where a text rule would not find it (a domain
 * under a private TLD in {@code dns.question.name}). Every other string is scanned as text, except ids, versions
 * and timestamps (see {@link FieldHints}). Numbers and booleans are never indicators.
 */
public final class IndicatorExtractor {

    /** The distinct indicators in {@code alertOrEvent}, in the order first seen, each with its first path. */
    public List<Indicator> extract(Object alertOrEvent) {
        Map<Indicator.Key, Indicator> seen = new LinkedHashMap<>();
        walk(alertOrEvent, "", "", seen);
        return List.copyOf(seen.values());
    }

    private void walk(Object value, String path, String field, Map<Indicator.Key, Indicator> seen) {
        switch (value) {
            case Map<?, ?> map -> map.forEach((k, v) -> {
                String key = String.valueOf(k);
                walk(v, path.isEmpty() ? key : path + "." + key, field.isEmpty() ? key : field + "." + key, seen);
            });
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    walk(list.get(i), path + "[" + i + "]", field, seen);
                }
            }
            case String text -> {
                for (Found f : inString(Refang.refang(text.strip()), field)) {
                    Indicator indicator = new Indicator(f.type(), f.value(), path, f.routable());
                    seen.putIfAbsent(indicator.key(), indicator);
                }
            }
            case null, default -> {
            }
        }
    }

    private static List<Found> inString(String text, String field) {
        if (text.isEmpty()) {
            return List.of();
        }
        Optional<Found> hinted = FieldHints.hint(field).flatMap(hint -> switch (hint) {
            case IP -> WholeValues.ip(text, 0);
            case DOMAIN -> WholeValues.domain(text, 0, false).or(() -> hostName(text));
            case URL -> WholeValues.url(text, 0);
            case HASH -> WholeValues.hash(text, 0);
            case EMAIL -> WholeValues.email(text, 0);
        });
        if (hinted.isPresent()) {
            return List.of(hinted.get());
        }
        return FieldHints.scanned(field) ? TextScanner.scan(text) : List.of();
    }

    /**
     * In a domain field, a dotted host name under a suffix the public list does not know ({@code c2.corp.internal})
     * is still the domain the alert is about.
     */
    private static Optional<Found> hostName(String text) {
        String name = Domains.normalize(text);
        return name.indexOf('.') > 0 && Domains.isHostName(name) && Ipv4.parse(name) < 0
                ? Optional.of(new Found(0, IndicatorType.DOMAIN, name, true))
                : Optional.empty();
    }
}
