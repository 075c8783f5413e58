package com.dataeye.analytics.query;

import com.dataeye.analytics.store.DuckDb;

import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalTimeSqlTest {

    private static LocalDateTime local(DuckDb db, ZoneId zone, Instant spanFrom, Instant spanTo, Instant t) throws Exception {
        List<Object> args = new ArrayList<>();
        String expr = LocalTimeSql.of("t", zone, spanFrom, spanTo, args);
        try (var c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT " + expr + " FROM (SELECT ?::TIMESTAMPTZ AS t)")) {
            int i = 1;
            for (Object a : args) {
                ps.setObject(i++, a);   // the expression's parameters come first in the statement
            }
            ps.setObject(i, t.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, LocalDateTime.class);
            }
        }
    }

    @Test
    void givesTheWallClockTimeOnBothSidesOfADaylightSavingChange() throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");   // clocks went back at 2026-10-25T01:00Z
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        Instant from = Instant.parse("2026-10-20T00:00:00Z");
        Instant to = Instant.parse("2026-10-30T00:00:00Z");
        try (DuckDb db = DuckDb.open(null, null)) {
            for (Instant t : List.of(Instant.parse("2026-10-24T23:30:00Z"), Instant.parse("2026-10-25T00:59:59Z"),
                    Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2026-10-29T22:30:00Z"))) {
                assertThat(local(db, berlin, from, to, t)).isEqualTo(LocalDateTime.ofInstant(t, berlin));
                assertThat(local(db, shanghai, from, to, t)).isEqualTo(LocalDateTime.ofInstant(t, shanghai));
            }
            // a span without a change takes the cheap fixed offset, and is right too
            Instant summer = Instant.parse("2026-07-01T22:30:00Z");
            assertThat(local(db, berlin, summer.minusSeconds(86_400), summer.plusSeconds(86_400), summer))
                    .isEqualTo(LocalDateTime.ofInstant(summer, berlin));
        }
    }

    @Test
    void usesTheZoneDatabaseOnlyWhenTheSpanCrossesAChange() {
        List<Object> args = new ArrayList<>();
        assertThat(LocalTimeSql.of("ts", ZoneId.of("Europe/Berlin"), Instant.parse("2026-10-20T00:00:00Z"),
                Instant.parse("2026-10-30T00:00:00Z"), args)).isEqualTo("timezone(?, ts)");
        assertThat(args).containsExactly("Europe/Berlin");
        args.clear();
        assertThat(LocalTimeSql.of("ts", ZoneId.of("Asia/Shanghai"), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), args)).isEqualTo("make_timestamp(epoch_us(ts) + ?)");
        assertThat(args).containsExactly(8 * 3600 * 1_000_000L);
    }
}
