package com.dataeye.server.support;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database on the machine's real PostgreSQL or MariaDB server (both started by .ci/run),
 * dropped on close: the operational store's migrations and repositories are tested where they run in
 * production. Servers and logins come from {@code DATAEYE_IT_PG_*} / {@code DATAEYE_IT_MARIADB_*}.
 *
 * <pre>{@code
 * try (ProductionDatabase db = ProductionDatabase.fresh("postgresql")) {
 *     JdbcClient jdbc = db.migrated();
 *     ...
 * }
 * }</pre>
 */
public final class ProductionDatabase implements AutoCloseable {

    /** The kinds a parameterised test runs on. */
    public static final String POSTGRESQL = "postgresql";
    public static final String MARIADB = "mariadb";

    private record Server(String adminUrl, String user, String password, String urlPrefix) {}

    private final Server server;
    private final String name;
    private final DriverManagerDataSource dataSource;

    private ProductionDatabase(Server server, String name) {
        this.server = server;
        this.name = name;
        this.dataSource = new DriverManagerDataSource(server.urlPrefix() + name, server.user(), server.password());
    }

    /** Creates an empty database on the server of that kind ({@link #POSTGRESQL} or {@link #MARIADB}). */
    public static ProductionDatabase fresh(String kind) {
        Server s = switch (kind) {
            case POSTGRESQL -> new Server(env("DATAEYE_IT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                    env("DATAEYE_IT_PG_USER", "postgres"), env("DATAEYE_IT_PG_PASSWORD", ""), "jdbc:postgresql://127.0.0.1:5432/");
            case MARIADB -> new Server(env("DATAEYE_IT_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/"),
                    env("DATAEYE_IT_MARIADB_USER", "root"), env("DATAEYE_IT_MARIADB_PASSWORD", ""), "jdbc:mariadb://127.0.0.1:3306/");
            default -> throw new IllegalArgumentException("no production database of kind " + kind);
        };
        String name = "dataeye_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        exec(s, "CREATE DATABASE " + name);
        return new ProductionDatabase(s, name);
    }

    public DriverManagerDataSource dataSource() {
        return dataSource;
    }

    /** Runs the operational store's migrations. */
    public MigrateResult migrate() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /** The database with every migration applied, as the repositories take it. */
    public JdbcClient migrated() {
        migrate();
        return JdbcClient.create(dataSource);
    }

    @Override
    public void close() {
        exec(server, "DROP DATABASE " + name);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void exec(Server s, String sql) {
        try (Connection c = DriverManager.getConnection(s.adminUrl(), s.user(), s.password()); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach " + s.adminUrl() + " (" + e.getMessage()
                    + "); .ci/run starts PostgreSQL and MariaDB — start them the same way to run this test", e);
        }
    }
}
