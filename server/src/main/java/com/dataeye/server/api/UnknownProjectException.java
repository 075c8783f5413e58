package com.dataeye.server.api;

/** A request named a project that does not exist; answered 404 {@code unknown_project}. */
public final class UnknownProjectException extends RuntimeException {

    public UnknownProjectException(String project) {
        // thrown on a bad URL, not a bug: no stack trace to fill
        super("no project '" + project + "'", null, false, false);
    }
}
