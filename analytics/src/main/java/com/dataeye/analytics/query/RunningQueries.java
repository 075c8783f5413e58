package com.dataeye.analytics.query;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements of requests that their caller may still stop. A dashboard page that the operator
 * leaves should not keep the store busy: its queries would only delay the next page's (the store has
 * as many threads as the machine has cores). A request is tagged with a key while it runs
 * ({@link #begin}); every statement {@link QueryExecutor} runs for it is registered under that key,
 * and {@link #cancel} stops them all and makes the request's later statements fail at once.
 *
 * <p>Keys are chosen by the caller and are scoped by the server to the caller's identity, so one
 * operator cannot stop another's queries.
 */
public final class RunningQueries {

    private final Map<String, Request> running = new ConcurrentHashMap<>();
    private final ThreadLocal<Request> current = new ThreadLocal<>();

    /** Tags the calling thread's statements with {@code key} until {@link #end}. */
    public void begin(String key) {
        Request r = new Request();
        running.put(key, r);
        current.set(r);
    }

    public void end(String key) {
        Request r = current.get();
        current.remove();
        if (r != null) {
            running.remove(key, r);
        }
    }

    /** Stops the statements of the request tagged {@code key}; false when no such request is running. */
    public boolean cancel(String key) {
        Request r = running.get(key);
        if (r == null) {
            return false;
        }
        r.cancel();
        return true;
    }

    /** How many tagged requests are running now (for tests and metrics). */
    public int size() {
        return running.size();
    }

    /** The calling thread's request, or null when it is not tagged. */
    Request current() {
        return current.get();
    }

    static final class Request {
        private final Set<Statement> statements = ConcurrentHashMap.newKeySet();
        private volatile boolean cancelled;

        boolean cancelled() {
            return cancelled;
        }

        /** Registers a statement about to run; false (and nothing registered) when the request was stopped already. */
        boolean add(Statement s) {
            statements.add(s);
            if (cancelled) {
                statements.remove(s);
                return false;
            }
            return true;
        }

        void remove(Statement s) {
            statements.remove(s);
        }

        void cancel() {
            cancelled = true;
            for (Statement s : statements) {
                try {
                    s.cancel();
                } catch (SQLException ignored) {
                    // it finished meanwhile
                }
            }
        }
    }
}
