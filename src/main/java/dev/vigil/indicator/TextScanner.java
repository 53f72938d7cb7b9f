package dev.vigil.indicator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds indicators in free text (an alert's message or reason, a command line). Kinds are matched from the most
 * specific to the least, and each match is blanked out before the next kind looks: the host of a URL and the
 * domain of an e-mail are part of that indicator and are not reported again as a domain or IP (they are, of course,
 * when they also appear on their own elsewhere). Regexes only find candidates; {@link WholeValues} validates them.
 */
final class TextScanner {

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s\"'<>`]+");
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
                    + "[A-Za-z][A-Za-z0-9-]{0,62}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])");
    /** Hex groups and colons, maybe ending in a dotted quad; at least two colons. Not inside a word or a MAC. */
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![A-Za-z0-9_:.])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}(?:\\d{1,3}(?:\\.\\d{1,3}){3})?"
                    + "(?![A-Za-z0-9_.:]|\\.\\d)");
    /** Exactly four dotted numbers: not part of a longer dotted run such as a version {@code 10.0.19045.1234}. */
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![A-Za-z0-9_.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![A-Za-z0-9_]|\\.\\d)");
    /** Whole hex tokens only: a 32-digit run inside a 36-digit one is not an MD5. */
    private static final Pattern HASH = Pattern.compile("(?<![A-Za-z0-9])[0-9A-Fa-f]{32,64}(?![A-Za-z0-9])");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?<![A-Za-z0-9_.@-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,62}"
                    + "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])");

    /**
     * Text beyond this is not scanned: an alert may carry a whole e-mail body or a base64 attachment, and
     * extraction runs on every alert; the indicators an analyst means are in the first megabyte.
     */
    static final int MAX_SCANNED_CHARS = 1 << 20;

    private TextScanner() {
    }

    /** The indicators in {@code text} (already refanged), in the order they appear. */
    static List<Found> scan(String text) {
        StringBuilder rest = new StringBuilder(text.length() > MAX_SCANNED_CHARS ? text.substring(0, MAX_SCANNED_CHARS) : text);
        List<Found> found = new ArrayList<>();
        pass(rest, URL, (m, s) -> WholeValues.url(trimUrl(m), s), found);
        pass(rest, EMAIL, WholeValues::email, found);
        pass(rest, IPV6, (m, s) -> WholeValues.ip(m, s).filter(f -> f.type() == IndicatorType.IPV6), found);
        pass(rest, IPV4, WholeValues::ip, found);
        pass(rest, HASH, (m, s) -> looksLikeHash(m) ? WholeValues.hash(m, s) : Optional.empty(), found);
        pass(rest, DOMAIN, (m, s) -> inPath(rest, s) ? Optional.empty() : WholeValues.domain(m, s, true), found);
        found.sort(Comparator.comparingInt(Found::start));
        return found;
    }

    private static void pass(StringBuilder rest, Pattern pattern, BiFunction<String, Integer, Optional<Found>> check,
                             List<Found> found) {
        Matcher m = pattern.matcher(rest);
        List<Found> hits = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            check.apply(m.group(), m.start()).ifPresent(f -> {
                hits.add(f);
                spans.add(new int[] {m.start(), m.end()});
            });
        }
        for (int[] span : spans) {
            for (int i = span[0]; i < span[1]; i++) {
                rest.setCharAt(i, ' ');
            }
        }
        found.addAll(hits);
    }

    /**
     * A real hash mixes digits and letters; a 32-digit number or a 32-letter word made of a–f is something else.
     * (A true digest made only of digits has odds around 1 in 3 million.)
     */
    private static boolean looksLikeHash(String hex) {
        return hex.chars().anyMatch(Character::isDigit) && hex.chars().anyMatch(Character::isLetter);
    }

    /** A name right after a path separator ({@code C:\Temp\a.zip}, {@code /tmp/x.sh}) is a file, not a domain. */
    private static boolean inPath(CharSequence text, int start) {
        if (start == 0) {
            return false;
        }
        char before = text.charAt(start - 1);
        return before == '\\' || (before == '/' && !(start >= 2 && text.charAt(start - 2) == '/'));
    }

    /** Sentence punctuation after a URL is not part of it; a closing bracket is, when the URL opened one. */
    private static String trimUrl(String url) {
        int end = url.length();
        while (end > 0) {
            char c = url.charAt(end - 1);
            if (".,;:!?".indexOf(c) >= 0 || (c == ')' && unbalanced(url, end, '(', ')'))
                    || (c == ']' && unbalanced(url, end, '[', ']')) || (c == '}' && unbalanced(url, end, '{', '}'))) {
                end--;
            } else {
                break;
            }
        }
        return url.substring(0, end);
    }

    private static boolean unbalanced(String url, int end, char open, char close) {
        int depth = 0;
        for (int i = 0; i < end; i++) {
            depth += url.charAt(i) == open ? 1 : url.charAt(i) == close ? -1 : 0;
        }
        return depth < 0;
    }
}
