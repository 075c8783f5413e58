package com.dataeye.server.virtualevents;

import com.dataeye.core.privacy.PiiMode;
import com.dataeye.core.virtualevents.VirtualEvent;
import com.dataeye.core.virtualevents.VirtualEventDefinition;
import com.dataeye.server.project.ApiKeyRepository;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.project.ProjectRepository;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Virtual-event versions (migration V6) on the machine's real PostgreSQL and MariaDB (started by
 * .ci/run; the same servers and variables as OperationalStoreIT), each in a fresh database; the
 * embedded H2 store runs the same repository in VirtualEventsApiIT.
 */
class VirtualEventRepositoryIT {

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

    private static VirtualEventDefinition definition(String name, String selector) {
        return VirtualEventDefinition.parse(Map.of("name", name, "display_name", Map.of("zh", "点击" + "长".repeat(150)),
                "rules", List.of(Map.of("events", List.of("$WebClick"),
                        "conditions", List.of(Map.of("field", "element_selector", "op", "equals", "value", selector))))), Set.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void versionsRoundTripAndTheNewestIsCurrent(String kind) {
        Server s = server(kind);
        String db = "dataeye_ve_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        exec(s, "CREATE DATABASE " + db);
        try {
            DriverManagerDataSource ds = new DriverManagerDataSource(s.urlPrefix() + db, s.user(), s.password());
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            JdbcClient jdbc = JdbcClient.create(ds);
            new ProjectDirectory(new ProjectRepository(jdbc), new ApiKeyRepository(jdbc))
                    .create("shop", "Shop", ZoneId.of("Asia/Shanghai"), PiiMode.MASK);
            VirtualEventRepository repo = new VirtualEventRepository(jdbc);
            Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            repo.insert("shop", new VirtualEvent(definition("buy_click", "#buy-now"), 1, t, "admin", false));
            repo.insert("shop", new VirtualEvent(definition("buy_click", "#buy-now-2"), 2, t.plusSeconds(5), "ops", false));
            repo.insert("shop", new VirtualEvent(definition("share", "button.btn-share"), 1, t, "admin", false));
            repo.insert("shop", new VirtualEvent(definition("share", "button.btn-share"), 2, t.plusSeconds(9), "admin", true));

            assertThat(repo.current("shop")).extracting(v -> v.name() + "@" + v.version() + (v.archived() ? " archived" : ""))
                    .containsExactly("buy_click@2", "share@2 archived");
            assertThat(repo.versions("shop", "buy_click")).extracting(VirtualEvent::savedBy).containsExactly("ops", "admin");
            VirtualEvent v1 = repo.versions("shop", "buy_click").get(1);
            assertThat(v1.definition()).isEqualTo(definition("buy_click", "#buy-now"));
            assertThat(v1.savedAt()).isEqualTo(t);
            assertThatThrownBy(() -> repo.insert("shop", new VirtualEvent(definition("buy_click", "x"), 2, t, "late", false)))
                    .isInstanceOf(DuplicateKeyException.class);
        } finally {
            exec(s, "DROP DATABASE " + db);
        }
    }
}
