package com.dataeye.analytics.channels;

import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.store.CommitBatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static com.dataeye.analytics.channels.Shop.paid;
import static com.dataeye.analytics.channels.Shop.refunded;
import static com.dataeye.analytics.channels.Shop.visit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * As of 2026-11-20, persons acquired 11-01..11-19 (Shanghai): A community 11-01, pays 100 (day 0),
 * 50 and a 20 refund (day 4), 30 (day 9); B short video 11-02 (a direct event at the same instant
 * does not win the tie), pays 10 on day 0; C short video 11-15 pays 40 on day 1 (5 days old: not
 * matured for day 7); D was acquired before the range; E community 11-18, never pays.
 */
class LtvRunnerTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static DuckDb db;
    static LtvRunner runner;

    @BeforeAll
    static void shop() {
        db = DuckDb.open(null, null);
        new DuckDbEventStore(db).commit(new CommitBatch(List.of(
                visit("A", "2026-11-01T10:00:00", "community", "zsxq", null, Map.of()),
                paid("A", "2026-11-01T10:05:00", "a1", 100), paid("A", "2026-11-05T10:00:00", "a2", 50),
                refunded("A", "2026-11-05T18:00:00", "a2", 20), paid("A", "2026-11-10T10:00:00", "a3", 30),
                visit("B", "2026-11-02T09:00:00", "direct", null, null, Map.of()),
                visit("B", "2026-11-02T09:00:00", "short_video", "douyin", null, Map.of()),
                paid("B", "2026-11-02T09:30:00", "b1", 10),
                visit("C", "2026-11-15T23:00:00", "short_video", "douyin", null, Map.of()),
                paid("C", "2026-11-16T08:00:00", "c1", 40),
                visit("D", "2026-10-25T10:00:00", "direct", null, null, Map.of()),
                paid("D", "2026-11-03T10:00:00", "d1", 999),
                visit("E", "2026-11-18T10:00:00", "community", "zsxq", null, Map.of())), List.of(), List.of()));
        runner = new LtvRunner(new QueryExecutor(db, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static LtvResult run(Map<String, Object> q, Map<String, BigDecimal> spend) {
        return runner.run("shop", SHANGHAI, LtvQuery.from(q, LocalDate.of(2026, 11, 25)), spend);
    }

    private static LtvResult.Row row(LtvResult r, String channel) {
        return r.rows().stream().filter(x -> x.channel().equals(channel)).findFirst().orElseThrow();
    }

    @Test
    void ltvCountsOnlyMaturedPersonsAndSubtractsRefunds() {
        LtvResult r = run(Map.of("from", "2026-11-01", "to", "2026-11-19", "as_of", "2026-11-20"), Map.of());
        LtvResult.Row community = row(r, "community");
        assertThat(community.persons()).isEqualTo(2);
        assertThat(community.buyers()).isEqualTo(1);
        assertThat(community.revenue()).isEqualTo(160.0);
        assertThat(community.ltv().get(0)).isEqualTo(new LtvResult.Horizon(7, 1, 130.0, 130.0));
        assertThat(community.ltv().get(1)).isEqualTo(new LtvResult.Horizon(30, 0, 0.0, null));
        LtvResult.Row video = row(r, "short_video");
        assertThat(video.persons()).isEqualTo(2);
        assertThat(video.buyers()).isEqualTo(2);
        assertThat(video.revenue()).isEqualTo(50.0);
        assertThat(video.ltv().get(0)).isEqualTo(new LtvResult.Horizon(7, 1, 10.0, 10.0));
        assertThat(r.rows()).extracting(LtvResult.Row::channel).doesNotContain("direct"); // D came before the range
    }

    @Test
    void theCurveIsCumulativeRevenuePerMaturedPerson() {
        LtvResult r = run(Map.of("from", "2026-11-01", "to", "2026-11-19", "as_of", "2026-11-20", "curve_days", 20), Map.of());
        // day 0: A and E have a complete day 0, 100 between them; day 1: B 10 + C 40 over B and C
        assertThat(row(r, "community").curve().subList(0, 2)).containsExactly(50.0, 50.0);
        assertThat(row(r, "short_video").curve().subList(0, 2)).containsExactly(5.0, 25.0);
        assertThat(row(r, "community").curve().get(4)).isEqualTo(130.0);   // only A is 5+ days old
        assertThat(row(r, "community").curve().get(19)).isNull();          // nobody is 20 days old
    }

    @Test
    void spendGivesCacRoiAndPayback() {
        LtvResult r = run(Map.of("from", "2026-11-01", "to", "2026-11-19", "as_of", "2026-11-20"),
                Map.of("community", new BigDecimal("200"), "short_video", new BigDecimal("30")));
        LtvResult.Row community = row(r, "community");
        assertThat(community.cac()).isEqualTo(200.0);
        assertThat(community.costPerPerson()).isEqualTo(100.0);
        assertThat(community.roi()).isEqualTo(-0.2);
        assertThat(community.paybackDays()).isNull();
        LtvResult.Row video = row(r, "short_video");
        assertThat(video.cac()).isEqualTo(15.0);
        assertThat(video.roi()).isEqualTo(0.6667);
        assertThat(video.paybackDays()).isEqualTo(1);
    }

    @Test
    void cohortsByWeekStartOnMonday() {
        LtvResult r = run(Map.of("from", "2026-11-01", "to", "2026-11-19", "as_of", "2026-11-20", "cohort", "week"), Map.of());
        assertThat(r.rows()).extracting(x -> x.cohort() + "/" + x.channel() + "/" + x.persons())
                .containsExactly("2026-10-26/community/1", "2026-11-02/short_video/1", "2026-11-09/short_video/1", "2026-11-16/community/1");
    }

    @Test
    void aPersonsDevicesAreOnePersonAcquiredByTheFirstDevicesChannel() {
        try (DuckDb own = DuckDb.open(null, null)) {
            // the phone arrives from 知识星球 anonymously; the login later pays from a laptop that came direct
            new DuckDbEventStore(own).commit(new CommitBatch(List.of(
                    visit("phone-1", "2026-11-03T10:00:00", "community", "zsxq", null, Map.of()),
                    visit("F", "2026-11-04T09:00:00", "direct", null, null, Map.of()),
                    paid("F", "2026-11-04T09:10:00", "f1", 70)),
                    List.of(new IdentityLink("shop", "phone-1", "F", java.time.Instant.parse("2026-11-03T02:05:00Z"))), List.of()));
            LtvResult r = new LtvRunner(new QueryExecutor(own, Duration.ofSeconds(30))).run("shop", SHANGHAI,
                    LtvQuery.from(Map.of("from", "2026-11-01", "to", "2026-11-19", "as_of", "2026-11-20"), LocalDate.of(2026, 11, 25)), Map.of());
            assertThat(r.rows()).singleElement().satisfies(row -> {
                assertThat(row.channel()).isEqualTo("community");
                assertThat(row.persons()).isEqualTo(1);
                assertThat(row.revenue()).isEqualTo(70.0);
                assertThat(row.ltv().get(0).perPerson()).isEqualTo(70.0);   // paid on day 1
            });
        }
    }

    @Test
    void rejectsAnUnknownCohortAndAnAsOfBeforeTheRange() {
        assertThatThrownBy(() -> LtvQuery.from(Map.of("from", "2026-11-01", "to", "2026-11-19", "cohort", "year"), LocalDate.of(2026, 11, 25)))
                .isInstanceOf(InvalidQueryException.class).extracting("field").isEqualTo("cohort");
        assertThatThrownBy(() -> LtvQuery.from(Map.of("from", "2026-11-01", "to", "2026-11-19", "as_of", "2026-10-01"), LocalDate.of(2026, 11, 25)))
                .isInstanceOf(InvalidQueryException.class).extracting("field").isEqualTo("as_of");
    }
}
