package dev.vigil.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kibana serves every API path under a space too ({@code /s/<space>/api/workflows}), and scripts written for a
 * space use that form. Vigil has one space: {@code /s/<space>/api/...} is served as {@code /api/...} (a forward
 * inside the server, so the route, its access check and its answer are the same). The space name must look like
 * Kibana's (lower-case letters, digits, {@code _} and {@code -}).
 */
public final class KibanaSpaces implements Filter {

    private static final Pattern SPACE_PATH = Pattern.compile("^/s/[a-z0-9_-]{1,100}(/api/.*)$");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http) {
            Matcher matcher = SPACE_PATH.matcher(http.getRequestURI());
            if (matcher.matches()) {
                request.getRequestDispatcher(matcher.group(1)).forward(request, response);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
