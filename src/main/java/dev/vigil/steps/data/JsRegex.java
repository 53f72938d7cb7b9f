package dev.vigil.steps.data;

import dev.vigil.steps.StepFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * JavaScript-style regular expressions on {@link java.util.regex}, made safe for patterns written by workflow
 * authors: flags {@code g i m s u}, named groups with JavaScript names ({@code (?<user_id>…)}, which Java rejects
 * because of the underscore, are renamed internally), input capped at 100 KB, and every match bounded in time.
 *
 * <p>Java's backtracking engine can take exponential time on hostile patterns such as {@code (a+)+$}. The matcher
 * therefore reads the text through {@link Deadline}, a CharSequence that checks a deadline and the thread's
 * interrupt flag while the engine reads characters, so a runaway match ends as a clear step failure.
 */
final class JsRegex {

    static final int MAX_SOURCE_BYTES = 100 * 1024;
    static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(2);

    /** Java group names: a letter, then letters and digits. */
    private static final Pattern JAVA_GROUP_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*");
    private static final Pattern JS_GROUP = Pattern.compile("\\(\\?<([A-Za-z_$][A-Za-z0-9_$]*)>|\\\\k<([A-Za-z_$][A-Za-z0-9_$]*)>");

    /**
     * @param names JavaScript group name → the Java group name used in {@code pattern}
     */
    record Compiled(Pattern pattern, boolean global, Map<String, String> names) {

        /** The value of a group given as JavaScript name; null when the name is unknown or did not take part. */
        String named(Matcher m, String jsName) {
            String javaName = names.get(jsName);
            return javaName == null ? null : m.group(javaName);
        }
    }

    /** Thrown from inside the regex engine when the deadline passes or the thread is interrupted. */
    static final class TimedOut extends RuntimeException {
        TimedOut() {
            super(null, null, false, false);
        }
    }

    private JsRegex() {
    }

    static Compiled compile(String stepType, String pattern, String flags) throws StepFailure {
        int javaFlags = 0;
        boolean global = false;
        for (char flag : (flags == null ? "" : flags).toCharArray()) {
            switch (flag) {
                case 'g' -> global = true;
                case 'i' -> javaFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> javaFlags |= Pattern.MULTILINE;
                case 's' -> javaFlags |= Pattern.DOTALL;
                case 'u' -> { }          // Java patterns are Unicode-aware already
                default -> throw new StepFailure(stepType + ": unsupported regex flag '" + flag
                        + "' in with.flags; use g, i, m, s or u");
            }
        }
        Map<String, String> names = new HashMap<>();
        String javaPattern = renameGroups(pattern, names);
        try {
            return new Compiled(Pattern.compile(javaPattern, javaFlags), global, Map.copyOf(names));
        } catch (PatternSyntaxException e) {
            throw new StepFailure(stepType + ": invalid regular expression in with.pattern: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    /** Gives every named group a Java-legal name, recording the mapping; valid names are kept as they are. */
    private static String renameGroups(String pattern, Map<String, String> names) {
        Matcher m = JS_GROUP.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean definition = m.group(1) != null;
            String js = definition ? m.group(1) : m.group(2);
            String java = names.computeIfAbsent(js, n -> JAVA_GROUP_NAME.matcher(n).matches()
                    ? n : "vigilGroup" + names.size());
            m.appendReplacement(out, Matcher.quoteReplacement(definition ? "(?<" + java + ">" : "\\k<" + java + ">"));
        }
        m.appendTail(out);
        return out.toString();
    }

    static void checkSize(String stepType, String source) throws StepFailure {
        if (source.length() > MAX_SOURCE_BYTES || source.getBytes(StandardCharsets.UTF_8).length > MAX_SOURCE_BYTES) {
            throw new StepFailure(stepType + ": source is larger than 100 KB (" + source.length()
                    + " characters); regex steps refuse larger input");
        }
    }

    static StepFailure timedOut(String stepType, Duration limit) {
        return new StepFailure("RegexTimeoutError", stepType + ": the pattern did not finish within "
                + limit.toMillis() + " ms on the source (catastrophic backtracking?); simplify the pattern", null);
    }

    /** The limit for one step run: the default, or less when the step has less time left. */
    static Duration limit(Duration remaining) {
        return remaining != null && remaining.compareTo(DEFAULT_TIME_LIMIT) < 0 ? remaining : DEFAULT_TIME_LIMIT;
    }

    /** A read-only view of a String whose {@code charAt} fails once the deadline has passed. */
    record Deadline(String text, long deadlineNanos, int[] reads) implements CharSequence {

        static Deadline of(String text, Duration limit) {
            return new Deadline(text, System.nanoTime() + limit.toNanos(), new int[1]);
        }

        @Override
        public char charAt(int index) {
            // Checking the clock on every read would slow normal matching; every 4096 reads is plenty.
            if ((++reads[0] & 0xFFF) == 0 && (System.nanoTime() - deadlineNanos > 0 || Thread.currentThread().isInterrupted())) {
                throw new TimedOut();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
