package com.dataeye.core.identity;

import java.time.Instant;

/** A device or anonymous id that now belongs to a person (the login id it identified as). */
public record IdentityLink(String projectId, String distinctId, String personId, Instant linkedAt) {}
