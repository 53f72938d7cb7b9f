package dev.vigil.cli;

/** JDBC URLs as they may be printed: a password in the URL never reaches the console or a log. */
final class JdbcUrls {

    private JdbcUrls() {
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]+:)[^@/]+@", "$1***@");
    }
}
