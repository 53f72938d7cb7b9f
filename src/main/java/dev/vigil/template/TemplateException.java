package dev.vigil.template;

/** A template failed to parse, render or evaluate; the message says what and where, in words. */
public final class TemplateException extends Exception {

    public TemplateException(String message) {
        super(message);
    }
}
