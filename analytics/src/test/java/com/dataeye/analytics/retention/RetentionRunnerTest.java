package com.dataeye.analytics.retention;

import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.store.CommitBatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Daily retention, range 11-01..11-03 (Asia/Shanghai), 3 periods: P1 signs up 11-01, logs in 11-02
 * and 11-04; P2 signs up 11-01 23:30 and logs in 00:10 the next day; P3 signs up 11-02 and again
 * 11-03 (one cohort only), logs in 11-03 and 11-05; P4 signs up 11-03 and never returns; P5 only
 * logs in; P6 signed up before the range, again on 11-02 (its cohort), and logs in the same day.
 */
class RetentionRunnerTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static DuckDb db;
    static RetentionRunner runner;
    static int seq;

    private static Event e(String name, String person, String cst, Integer amount) {
        var ts = OffsetDateTime.parse(cst + "+08:00").toInstant();
        return new Event("r" + (++seq), "shop", name, EventType.TRACK, person, person, person, null, ts, ts, null, null,
                new Event.Page(null, null, null, null), new Event.Acquisition(null, null, null, null, null, null),
                new Event.Device(null, null, null, null, null), new Event.Element(null, null, null),
                new Event.Commerce(null, null, amount == null ? null : BigDecimal.valueOf(amount)), Map.of());
    }

    @BeforeAll
    static void shop() {
        db = DuckDb.open(null, null);
        new DuckDbEventStore(db).commit(new CommitBatch(List.of(
                e("signup", "P1", "2026-11-01T10:00:00", null), e("login", "P1", "2026-11-02T09:00:00", null),
                e("login", "P1", "2026-11-04T09:00:00", null),
                e("signup", "P2", "2026-11-01T23:30:00", null), e("login", "P2", "2026-11-02T00:10:00", null),
                e("signup", "P3", "2026-11-02T10:00:00", null), e("signup", "P3", "2026-11-03T10:00:00", null),
                e("login", "P3", "2026-11-03T11:00:00", null), e("login", "P3", "2026-11-05T11:00:00", null),
                e("signup", "P4", "2026-11-03T10:00:00", null),
                e("login", "P5", "2026-11-02T10:00:00", null),
                e("signup", "P6", "2026-10-31T10:00:00", null), e("signup", "P6", "2026-11-02T08:00:00", null),
                e("login", "P6", "2026-11-02T20:00:00", null),
                e("order_paid", "P1", "2026-11-02T12:00:00", 10), e("order_paid", "P1", "2026-11-04T12:00:00", 20),
                e("order_paid", "P3", "2026-11-03T12:00:00", 5)), List.of(), List.of()));
        runner = new RetentionRunner(new QueryExecutor(db, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @SuppressWarnings("unchecked")
    private static RetentionResult run(String json, LocalDate today) {
        return runner.run("shop", SHANGHAI, RetentionQuery.from(JsonMapper.builder().build().readValue(json, Map.class)), today);
    }

    private static final String LOGINS = "{\"initial\":{\"event\":\"signup\"},\"return\":{\"event\":\"login\"},\"periods\":3,"
            + "\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"";

    @Test
    void buildsTheCohortTableFromFirstInitialEventsInTheRange() {
        RetentionResult r = run(LOGINS + "}", LocalDate.parse("2026-11-25"));
        assertThat(r.cohorts()).extracting(RetentionResult.Cohort::cohort).containsExactly("2026-11-01", "2026-11-02", "2026-11-03");
        assertThat(r.cohorts()).extracting(RetentionResult.Cohort::size).containsExactly(2L, 2L, 1L);
        assertThat(r.cohorts().get(0).values()).containsExactly(2.0, 2.0, 0.0, 1.0);
        assertThat(r.cohorts().get(1).values()).containsExactly(2.0, 1.0, 0.0, 1.0);
        assertThat(r.cohorts().get(2).values()).containsExactly(1.0, 0.0, 0.0, 0.0);
        assertThat(r.cohorts().get(0).rates()).containsExactly(1.0, 1.0, 0.0, 0.5);
        // weighted: day 1 (2 + 1 + 0) / 5, day 3 (1 + 1 + 0) / 5
        assertThat(r.average()).containsExactly(1.0, 0.6, 0.0, 0.4);
    }

    @Test
    void periodsNotOverYetAreUnknownAndLeftOutOfTheAverage() {
        RetentionResult r = run(LOGINS + "}", LocalDate.parse("2026-11-05"));
        assertThat(r.cohorts().get(1).values()).containsExactly(2.0, 1.0, 0.0, null);
        assertThat(r.cohorts().get(2).values()).containsExactly(1.0, 0.0, null, null);
        assertThat(r.average().get(3)).isEqualTo(0.5);
    }

    @Test
    void revenueRetentionSumsTheReturnEventsAmount() {
        RetentionResult r = run("{\"initial\":{\"event\":\"signup\"},\"return\":{\"event\":\"order_paid\"},\"periods\":3,\"measure\":\"revenue\","
                + "\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}", LocalDate.parse("2026-11-25"));
        assertThat(r.cohorts().get(0).values()).containsExactly(null, 10.0, 0.0, 20.0);
        assertThat(r.cohorts().get(1).values()).containsExactly(null, 5.0, 0.0, 0.0);
        assertThat(r.cohorts().get(0).rates().get(3)).isEqualTo(10.0);       // revenue per cohort person
    }

    @Test
    void weeklyCohortsStartOnMonday() {
        RetentionResult r = run("{\"initial\":{\"event\":\"signup\"},\"return\":{\"event\":\"login\"},\"interval\":\"week\",\"periods\":1,"
                + "\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}", LocalDate.parse("2026-11-25"));
        // 11-01 is a Sunday: its week starts 10-26; 11-02 and 11-03 are in the week of 11-02
        assertThat(r.cohorts()).extracting(RetentionResult.Cohort::cohort).containsExactly("2026-10-26", "2026-11-02");
        assertThat(r.cohorts()).extracting(RetentionResult.Cohort::size).containsExactly(2L, 3L);
        assertThat(r.cohorts().get(0).values()).containsExactly(2.0, 2.0);    // P1, P2 came back in the week of 11-02
        assertThat(r.cohorts().get(1).values()).containsExactly(3.0, 0.0);
    }

    @Test
    void refusesMalformedQueries() {
        assertThatThrownBy(() -> run("{\"return\":{\"event\":\"login\"},\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}", LocalDate.now()))
                .satisfies(e -> assertThat(((InvalidQueryException) e).field()).isEqualTo("initial.event"));
        assertThatThrownBy(() -> run(LOGINS + ",\"periods\":999}", LocalDate.now()))
                .satisfies(e -> assertThat(((InvalidQueryException) e).field()).isEqualTo("periods"));
    }
}
