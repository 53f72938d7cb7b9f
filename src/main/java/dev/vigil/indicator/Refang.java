package dev.vigil.indicator;

import java.util.regex.Pattern;

/**
 * Undoes the "defanging" analysts and mail gateways apply so that indicators cannot be clicked
 * ({@code hxxps://evil[.]example[.]com}, {@code 1.2.3[.]4}, {@code user[@]corp[.]example}). Only bracketed forms
 * are undone: a bare "dot" or "at" in prose is a word, not a separator.
 */
final class Refang {

    private static final Pattern SCHEME = Pattern.compile("(?i)\\bh(?:xx|\\*\\*)p(s?)(?=\\[?:)");
    private static final Pattern FTP = Pattern.compile("(?i)\\bfxp(?=\\[?:)");
    private static final Pattern DOT = Pattern.compile("(?i)\\[\\.]|\\(\\.\\)|\\{\\.}|\\[dot]|\\(dot\\)|\\{dot}");
    private static final Pattern AT = Pattern.compile("(?i)\\[@]|\\(@\\)|\\{@}|\\[at]|\\(at\\)|\\{at}");
    private static final Pattern COLON = Pattern.compile("\\[:]|\\[://]");

    private Refang() {
    }

    static String refang(String text) {
        if (text.indexOf('[') < 0 && text.indexOf('(') < 0 && text.indexOf('{') < 0
                && text.indexOf('x') < 0 && text.indexOf('X') < 0 && text.indexOf('*') < 0) {
            return text;
        }
        String s = SCHEME.matcher(text).replaceAll("http$1");
        s = FTP.matcher(s).replaceAll("ftp");
        s = DOT.matcher(s).replaceAll(".");
        s = AT.matcher(s).replaceAll("@");
        return COLON.matcher(s).replaceAll(m -> m.group().length() == 3 ? ":" : "://");
    }
}
