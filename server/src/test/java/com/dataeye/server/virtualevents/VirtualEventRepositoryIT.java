package com.dataeye.server.virtualevents;

import com.dataeye.core.privacy.PiiMode;
import com.dataeye.core.virtualevents.VirtualEvent;
import com.dataeye.core.virtualevents.VirtualEventDefinition;
import com.dataeye.server.project.ApiKeyRepository;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.project.ProjectRepository;
import com.dataeye.server.support.ProductionDatabase;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Virtual-event versions (migration V6) on the machine's real PostgreSQL and MariaDB (started by
 * .ci/run; the same servers and variables as OperationalStoreIT), each in a fresh database; the
 * embedded H2 store runs the same repository in VirtualEventsApiIT.
 */
class VirtualEventRepositoryIT {

    private static VirtualEventDefinition definition(String name, String selector) {
        return VirtualEventDefinition.parse(Map.of("name", name, "display_name", Map.of("zh", "点击" + "长".repeat(150)),
                "rules", List.of(Map.of("events", List.of("$WebClick"),
                        "conditions", List.of(Map.of("field", "element_selector", "op", "equals", "value", selector))))), Set.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void versionsRoundTripAndTheNewestIsCurrent(String kind) {
        try (ProductionDatabase db = ProductionDatabase.fresh(kind)) {
            JdbcClient jdbc = db.migrated();
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
        }
    }
}
