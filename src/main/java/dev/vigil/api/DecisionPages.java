package dev.vigil.api;

import dev.vigil.store.JobStore;
import io.javalin.http.Context;

/** The small HTML pages a person sees after opening a decision link in a browser. */
final class DecisionPages {

    private DecisionPages() {
    }

    static String decided(JobStore.Answer answer) {
        Object choice = answer.payload() == null ? null : answer.payload().get("choice");
        return "Already decided by " + answer.respondedBy() + " at " + answer.respondedAt()
                + (choice == null ? "" : " with '" + choice + "'");
    }

    static void show(Context ctx, int status, String title, String text) {
        page(ctx, status, title, "<p>" + escape(text) + "</p>");
    }

    /** What a GET shows: the question and the answer, with a button that POSTs to the same link. */
    static void confirm(Context ctx, String message, String choice, String action) {
        page(ctx, 200, "Confirm your answer", "<p>" + escape(message) + "</p><form method=\"post\" action=\""
                + escape(action) + "\"><button type=\"submit\">Answer '" + escape(choice) + "'</button></form>");
    }

    private static void page(Context ctx, int status, String title, String body) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer"); // the URL holds the token
        ctx.status(status).contentType("text/html; charset=utf-8").result("<!doctype html><html><head>"
                + "<meta charset=\"utf-8\"><title>" + escape(title) + "</title></head><body><h1>" + escape(title)
                + "</h1>" + body + "</body></html>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
