package com.dataeye.analytics.store;

import org.duckdb.DuckDBConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The embedded DuckDB database file that holds every event. One connection writes (the group
 * committer's thread); readers each take a duplicate of it, which DuckDB runs concurrently with
 * the writer under MVCC.
 */
public final class DuckDb implements AutoCloseable {

    private final DuckDBConnection root;

    private DuckDb(DuckDBConnection root) {
        this.root = root;
    }

    /** Opens (creating if needed) the database at {@code file}, or an in-memory one for {@code null}. */
    public static DuckDb open(Path file, String memoryLimit) {
        try {
            String url = "jdbc:duckdb:";
            if (file != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                url += file.toAbsolutePath();
            }
            Properties props = new Properties();
            if (memoryLimit != null) {
                props.setProperty("memory_limit", memoryLimit);
            }
            DuckDBConnection conn = (DuckDBConnection) DriverManager.getConnection(url, props);
            try (Statement st = conn.createStatement()) {
                st.execute("SET TimeZone = 'UTC'");
                // Each checkpoint recompresses the table's open row group; with loads every few seconds
                // the default 16 MB would checkpoint after nearly every load.
                st.execute("SET checkpoint_threshold = '256MB'");
            }
            Schema.apply(conn);
            return new DuckDb(conn);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open the event store at " + file + ": " + e.getMessage(), e);
        }
    }

    /** A new connection to the same database, for one reader or the writer. Close it after use. */
    public DuckDBConnection connect() {
        try {
            DuckDBConnection c = (DuckDBConnection) root.duplicate();
            try (Statement st = c.createStatement()) {
                st.execute("SET TimeZone = 'UTC'");
            }
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the event store: " + e.getMessage(), e);
        }
    }

    /** Writes a checkpoint so the WAL is folded into the file (on shutdown and by backups). */
    public void checkpoint() {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new IllegalStateException("checkpoint failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
