package com.dataeye.server.segments;

import com.dataeye.core.privacy.PiiMode;
import com.dataeye.server.project.ApiKeyRepository;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.project.ProjectRepository;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segment definitions and daily sizes (migration V3) on the machine's real PostgreSQL and MariaDB
 * (started by .ci/run; the same servers and variables as OperationalStoreIT), each in a fresh database.
 */
class SegmentRepositoryIT {

    private record Server(String adminUrl, String user, String password, String urlPrefix) {}

    private static Server server(String kind) {
        return switch (kind) {
            case "postgresql" -> new Server(env("DATAEYE_IT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                    env("DATAEYE_IT_PG_USER", "postgres"), env("DATAEYE_IT_PG_PASSWORD", ""), "jdbc:postgresql://127.0.0.1:5432/");
            case "mariadb" -> new Server(env("DATAEYE_IT_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/"),
                    env("DATAEYE_IT_MARIADB_USER", "root"), env("DATAEYE_IT_MARIADB_PASSWORD", ""), "jdbc:mariadb://127.0.0.1:3306/");
            default -> throw new IllegalArgumentException(kind);
        };
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

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void segmentsAndTheirSizesRoundTrip(String kind) {
        Server s = server(kind);
        String db = "dataeye_seg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        exec(s, "CREATE DATABASE " + db);
        try {
            DriverManagerDataSource ds = new DriverManagerDataSource(s.urlPrefix() + db, s.user(), s.password());
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            JdbcClient jdbc = JdbcClient.create(ds);
            new ProjectDirectory(new ProjectRepository(jdbc), new ApiKeyRepository(jdbc))
                    .create("shop", "Shop", ZoneId.of("Asia/Shanghai"), PiiMode.MASK);
            SegmentRepository segments = new SegmentRepository(jdbc);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String definition = "{\"type\":\"rfm\",\"monetary\":{\"op\":\"gte\",\"value\":1000},\"note\":\"" + "长".repeat(5000) + "\"}";
            segments.insert(new SegmentRepository.Row("shop", "whales", "大客户", null, "builtin", definition, now, now));
            segments.insert(new SegmentRepository.Row("shop", "list-1", "List", "uploaded", "static", null, now, now));
            assertThat(segments.find("shop", "whales")).get().extracting(SegmentRepository.Row::definition).isEqualTo(definition);
            assertThat(segments.list("shop")).extracting(SegmentRepository.Row::id).containsExactly("list-1", "whales");
            segments.update(new SegmentRepository.Row("shop", "whales", "Whales", "d", "builtin", "{}", now, now.plusSeconds(5)));
            assertThat(segments.find("shop", "whales")).get().extracting(SegmentRepository.Row::name).isEqualTo("Whales");

            segments.saveSize("shop", "whales", LocalDate.parse("2026-11-20"), 10);
            segments.saveSize("shop", "whales", LocalDate.parse("2026-11-20"), 12);
            segments.saveSize("shop", "whales", LocalDate.parse("2026-11-21"), 13);
            assertThat(segments.sizes("shop", "whales", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")))
                    .extracting(SegmentRepository.Size::persons).containsExactly(12L, 13L);
            assertThat(segments.delete("shop", "whales")).isTrue();
            assertThat(segments.sizes("shop", "whales", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"))).isEmpty();
        } finally {
            exec(s, "DROP DATABASE " + db);
        }
    }
}
