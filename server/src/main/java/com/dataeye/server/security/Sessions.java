package com.dataeye.server.security;

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

    @GetMapping("/api/v1/session")
    Map<String, Object> current(Authentication auth) {
        return view(auth);
    }

    static Map<String, Object> view(Authentication auth) {
        List<String> roles = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5).toLowerCase(java.util.Locale.ROOT)).toList();
        return Map.of("username", auth.getName(), "roles", roles);
    }
}
