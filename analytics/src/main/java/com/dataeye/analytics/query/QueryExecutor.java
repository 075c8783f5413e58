package com.dataeye.analytics.query;

import com.dataeye.analytics.store.DuckDb;

import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an analysis' SQL with bound parameters on its own connection, and cancels it when it runs
 * past the limit, so one heavy query cannot hold the server (the caller gets {@link QueryTimeoutException}).
 */
public final class QueryExecutor {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dataeye-query-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final DuckDb db;
    private final Duration timeout;
    private final RunningQueries running;

    public QueryExecutor(DuckDb db, Duration timeout) {
        this(db, timeout, new RunningQueries());
    }

    /** {@code running}: where a caller's statements are registered so that it can stop them early. */
    public QueryExecutor(DuckDb db, Duration timeout, RunningQueries running) {
        this.db = db;
        this.timeout = timeout;
        this.running = running;
    }

    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    public void query(String sql, List<Object> args, RowHandler handler) {
        AtomicBoolean cancelled = new AtomicBoolean();
        RunningQueries.Request request = running.current();
        if (request != null && request.cancelled()) {
            throw new QueryCancelledException();
        }
        try (DuckDBConnection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            if (request != null && !request.add(ps)) {
                throw new QueryCancelledException();
            }
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                cancelled.set(true);
                try {
                    ps.cancel();
                } catch (SQLException ignored) {
                    // the statement finished meanwhile
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            } finally {
                watchdog.cancel(false);
                if (request != null) {
                    request.remove(ps);
                }
            }
        } catch (SQLException e) {
            if (request != null && request.cancelled()) {
                throw new QueryCancelledException();
            }
            if (cancelled.get()) {
                throw new QueryTimeoutException(timeout);
            }
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        }
    }

    /** The caller stopped the request this query belonged to ({@link RunningQueries#cancel}). */
    public static final class QueryCancelledException extends RuntimeException {
        public QueryCancelledException() {
            super("the query was cancelled by its caller", null, false, false);
        }
    }

    /** The query ran past the configured limit and was stopped. */
    public static final class QueryTimeoutException extends RuntimeException {
        public QueryTimeoutException(Duration limit) {
            super("the query ran longer than " + limit.toSeconds() + " s and was stopped; narrow the date range or filters",
                    null, false, false);
        }
    }
}
