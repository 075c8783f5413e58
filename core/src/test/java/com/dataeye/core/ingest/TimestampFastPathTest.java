package com.dataeye.core.ingest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampFastPathTest {

    @Test
    void readsTheUsualShapeExactlyAsTheIsoParserDoes() {
        for (String s : List.of("2026-11-25T10:00:00.123+08:00", "2026-11-25T10:00:00.000Z", "2024-02-29T23:59:59.999-05:30",
                "1970-01-01T00:00:00.000+00:00", "2026-12-31T00:00:00.001-00:00", "0001-01-01T00:00:00.000+18:00",
                "2026-06-30T12:34:56.789-18:00")) {
            assertThat(Fields.isoMillis(s)).as(s).isEqualTo(OffsetDateTime.parse(s).toInstant());
            assertThat(Fields.instant(Map.of("timestamp", s), "timestamp")).as(s).isEqualTo(OffsetDateTime.parse(s).toInstant());
        }
    }

    @Test
    void leavesEverythingElseToTheIsoParserSoTheSameTimesAreRefused() {
        for (String s : List.of("2026-02-29T10:00:00.000+08:00", "2026-04-31T10:00:00.000Z", "2026-11-25T24:00:00.000Z",
                "2026-11-25T10:60:00.000Z", "2026-11-25T10:00:60.000Z", "2026-13-01T10:00:00.000Z", "2026-00-01T10:00:00.000Z",
                "2026-11-25T10:00:00.000+19:00", "2026-11-25T10:00:00.000+08:60", "2026-11-25T10:00:00.0a0Z",
                "2026-11-25 10:00:00.000+08:00", "2026-11-25T10:00:00.000X", "2026-11-25T10:00:00.000+0800",
                "+2026-11-25T10:00:00.000Z")) {
            assertThat(Fields.isoMillis(s)).as(s).isNull();
            boolean isoAccepts;
            try {
                OffsetDateTime.parse(s);
                isoAccepts = true;
            } catch (DateTimeParseException e) {
                isoAccepts = false;
            }
            if (!isoAccepts) {
                boolean instantAccepts;
                try {
                    Instant.parse(s);
                    instantAccepts = true;
                } catch (DateTimeParseException e) {
                    instantAccepts = false;
                }
                if (!instantAccepts) {
                    assertThatThrownBy(() -> Fields.instant(Map.of("timestamp", s), "timestamp")).as(s)
                            .isInstanceOf(RejectedException.class);
                }
            }
        }
        // other lengths and precisions still parse through the general parser
        assertThat(Fields.instant(Map.of("timestamp", "2026-11-25T10:00:00+08:00"), "timestamp"))
                .isEqualTo(Instant.parse("2026-11-25T02:00:00Z"));
        assertThat(Fields.instant(Map.of("timestamp", "2026-11-25T10:00:00.123456+08:00"), "timestamp"))
                .isEqualTo(Instant.parse("2026-11-25T02:00:00.123456Z"));
    }
}
