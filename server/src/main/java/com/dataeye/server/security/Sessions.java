package com.dataeye.server.security;

import com.dataeye.server.ingest.ApiError;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * The dashboard's session: {@code POST /api/v1/session} (form fields {@code username}, {@code password})
 * logs in, {@code GET /api/v1/session} says who is logged in (401 when nobody),
 * {@code POST /api/v1/session/logout} ends it.
 */
@RestController
class Sessions {

    /**
     * The form login permits every method on its URL, so a GET without a session arrives here with no
     * authentication: it is a 401 like any other request without login (it was a 500, and a fresh
     * browser could show an error page instead of the login form).
     */
    @GetMapping("/api/v1/session")
    ResponseEntity<?> current(Authentication auth) {
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ApiError.of("unauthorized", "nobody is logged in"));
        }
        return ResponseEntity.ok(view(auth));
    }

    static Map<String, Object> view(Authentication auth) {
        List<String> roles = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5).toLowerCase(java.util.Locale.ROOT)).toList();
        return Map.of("username", auth.getName(), "roles", roles);
    }
}
