package com.dataeye.server.api;

/**
 * Marks a controller that answers analysis queries for one project, so that {@link QueryErrors}
 * gives all of them the same error answers (404 unknown project, 400 invalid query with the
 * offending field, 422 query stopped at its time limit, 403 another project's key).
 */
public interface QueryEndpoint {}
