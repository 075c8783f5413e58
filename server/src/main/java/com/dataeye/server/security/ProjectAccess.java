package com.dataeye.server.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * The per-project check every project endpoint makes: a secret key reads only its own project;
 * operator accounts read every project (per-project grants come with roles, PRODUCT.md D2).
 */
public final class ProjectAccess {

    private ProjectAccess() {}

    public static void require(Authentication auth, String projectId) {
        if (auth instanceof SecretKeyAuthentication key && !key.projectId().equals(projectId)) {
            throw new AccessDeniedException("this secret key belongs to project '" + key.projectId()
                    + "', not '" + projectId + "'");
        }
        if (auth == null || !auth.isAuthenticated()) {
            throw new AccessDeniedException("not authenticated");
        }
    }
}
