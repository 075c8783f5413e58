package com.dataeye.core.ingest;

import com.dataeye.core.project.Project;

import java.time.Instant;

/**
 * What the request tells about all of its events.
 *
 * @param sentAt    the client's clock when it sent the batch, for skew correction; may be null
 * @param clientIp  the sender's address (truncated before storage); may be null
 * @param userAgent the request's User-Agent, used when an event carries none of its own
 */
public record IngestContext(Project project, Instant receivedAt, Instant sentAt, String clientIp, String userAgent) {}
