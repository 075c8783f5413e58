package com.dataeye.server.project;

import com.dataeye.core.privacy.PiiMode;
import com.dataeye.core.project.Project;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operational store's migrations and repositories on the production databases: the machine's
 * real PostgreSQL and MariaDB servers (started by .ci/run), each in a fresh database.
 */
class OperationalStoreIT {

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
    void migrationsAndRepositoriesWorkOnTheProductionDatabase(String kind) {
        Server s = server(kind);
        String db = "dataeye_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        exec(s, "CREATE DATABASE " + db);
        try {
            DriverManagerDataSource ds = new DriverManagerDataSource(s.urlPrefix() + db, s.user(), s.password());
            var result = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            assertThat(result.migrationsExecuted).isPositive();
            // running again is a no-op
            assertThat(Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate().migrationsExecuted).isZero();

            JdbcClient jdbc = JdbcClient.create(ds);
            ProjectRepository projects = new ProjectRepository(jdbc);
            ApiKeyRepository keys = new ApiKeyRepository(jdbc);
            ProjectDirectory directory = new ProjectDirectory(projects, keys);
            var created = directory.create("lut-shop", "LUT 小铺", ZoneId.of("Asia/Shanghai"), PiiMode.HASH);

            Project found = directory.byWriteKey(created.writeKey()).orElseThrow();
            assertThat(found.name()).isEqualTo("LUT 小铺");
            assertThat(found.piiMode()).isEqualTo(PiiMode.HASH);
            assertThat(found.piiKey()).isEqualTo(created.project().piiKey());
            assertThat(directory.projectOfSecretKey(created.secretKey())).contains("lut-shop");
            assertThat(directory.projectOfSecretKey(created.secretKey() + "x")).isEmpty();
            assertThat(directory.byWriteKey(created.secretKey())).isEmpty();
            assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE secret_hash LIKE ?").param("%" + created.secretKey() + "%")
                    .query(Long.class).single()).isZero();

            AccountRepository accounts = new AccountRepository(jdbc);
            accounts.insert("li.nvshi", "$2a$10$hash", "ANALYST");
            assertThat(accounts.find("li.nvshi")).get().extracting(AccountRepository.Account::role).isEqualTo("ANALYST");

            // tracking plan and governance (V5)
            var plans = new com.dataeye.server.plan.PlanRepository(jdbc);
            var paid = new com.dataeye.core.plan.EventSpec("order_paid", "支付成功", "Order paid", null, "growth",
                    com.dataeye.core.plan.PlanStatus.LIVE, java.util.List.of(
                    new com.dataeye.core.plan.PropertySpec("amount", null, null, com.dataeye.core.plan.PropertyType.NUMBER, true,
                            java.util.List.of(), 0.0, null, null),
                    new com.dataeye.core.plan.PropertySpec("payment_method", "支付方式", null, com.dataeye.core.plan.PropertyType.STRING,
                            false, java.util.List.of("wechat", "alipay"), null, null, "how")));
            plans.putEvent("lut-shop", paid);
            plans.putEvent("lut-shop", paid);
            assertThat(plans.events("lut-shop")).containsExactly(paid);
            var governance = new com.dataeye.server.plan.Governance(com.dataeye.core.plan.UnknownPolicy.QUARANTINE,
                    com.dataeye.core.plan.UnknownPolicy.FLAG, new com.dataeye.core.autocapture.AutocaptureSettings(
                    java.util.EnumSet.of(com.dataeye.core.autocapture.AutocaptureKind.PAGEVIEW), java.util.List.of("https://shop.example/*"),
                    java.util.List.of(), 0.5, 30), 0);
            plans.saveGovernance("lut-shop", governance);
            plans.saveGovernance("lut-shop", governance);
            assertThat(plans.governance("lut-shop").autocapture()).isEqualTo(governance.autocapture());
            assertThat(plans.governance("lut-shop").version()).isEqualTo(2);
            assertThat(plans.deleteEvent("lut-shop", "order_paid")).isTrue();
        } finally {
            exec(s, "DROP DATABASE " + db);
        }
    }
}
