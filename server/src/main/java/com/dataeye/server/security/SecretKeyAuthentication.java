package com.dataeye.server.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;

/** A request signed with a project's secret key: it may read that project and nothing else. */
public final class SecretKeyAuthentication extends AbstractAuthenticationToken {

    private final String projectId;

    public SecretKeyAuthentication(String projectId) {
        super(List.of(new SimpleGrantedAuthority("ROLE_SECRET_KEY")));
        this.projectId = projectId;
        setAuthenticated(true);
    }

    public String projectId() {
        return projectId;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return "secret-key:" + projectId;
    }
}
