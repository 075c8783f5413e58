package com.dataeye.server.security;

import com.dataeye.server.project.ProjectDirectory;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer sk_…}. A write key in the same place is refused here
 * on purpose: write keys are public and must never read data.
 */
final class SecretKeyFilter extends OncePerRequestFilter {

    private final ProjectDirectory projects;
    private final ApiErrors errors;

    SecretKeyFilter(ProjectDirectory projects, ApiErrors errors) {
        this.projects = projects;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String auth = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = auth.substring(7).trim();
            Optional<String> project = projects.projectOfSecretKey(key);
            if (project.isEmpty()) {
                String why = key.startsWith("wk_")
                        ? "a write key can only send events; use the project's secret key (sk_…) to read"
                        : "the secret key is not valid";
                errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_secret_key", why);
                return;
            }
            SecurityContextHolder.getContext().setAuthentication(new SecretKeyAuthentication(project.get()));
        }
        chain.doFilter(request, response);
    }
}
