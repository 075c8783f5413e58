package com.dataeye.server.project;

import com.dataeye.core.privacy.PiiMode;
import com.dataeye.core.project.Project;
import com.dataeye.server.support.ProductionDatabase;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operational store's migrations and repositories on the production databases: the machine's
 * real PostgreSQL and MariaDB servers (started by .ci/run), each in a fresh database.
 */
class OperationalStoreIT {

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void migrationsAndRepositoriesWorkOnTheProductionDatabase(String kind) {
        try (ProductionDatabase db = ProductionDatabase.fresh(kind)) {
            assertThat(db.migrate().migrationsExecuted).isPositive();
            // running again is a no-op
            assertThat(db.migrate().migrationsExecuted).isZero();

            JdbcClient jdbc = JdbcClient.create(db.dataSource());
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
        }
    }
}
