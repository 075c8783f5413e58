package com.dataeye.server.segments;

import com.dataeye.core.privacy.PiiMode;
import com.dataeye.server.project.ApiKeyRepository;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.project.ProjectRepository;
import com.dataeye.server.support.ProductionDatabase;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segment definitions and daily sizes (migration V3) on the machine's real PostgreSQL and MariaDB
 * (started by .ci/run; the same servers and variables as OperationalStoreIT), each in a fresh database.
 */
class SegmentRepositoryIT {

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void segmentsAndTheirSizesRoundTrip(String kind) {
        try (ProductionDatabase db = ProductionDatabase.fresh(kind)) {
            JdbcClient jdbc = db.migrated();
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
        }
    }
}
