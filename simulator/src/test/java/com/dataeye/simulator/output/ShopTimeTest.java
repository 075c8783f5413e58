package com.dataeye.simulator.output;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ShopTimeTest {

    private static final DateTimeFormatter JDK = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

    @Test
    void formatsLikeTheJdkWithMillisecondsAndThePlus8Offset() {
        ShopTime time = new ShopTime();
        SplittableRandom random = new SplittableRandom(1);
        long start = ShopTime.startOfDay(LocalDate.of(2026, 1, 1));
        for (int i = 0; i < 10_000; i++) {
            long instant = start + random.nextLong(400L * ShopTime.DAY_MILLIS);
            assertThat(time.format(instant)).isEqualTo(JDK.format(Instant.ofEpochMilli(instant).atOffset(ShopTime.OFFSET)));
        }
    }

    @Test
    void midnightInShanghaiIsFourPmUtcTheDayBefore() {
        long midnight = ShopTime.startOfDay(LocalDate.of(2026, 11, 11));

        assertThat(new ShopTime().format(midnight)).isEqualTo("2026-11-11T00:00:00.000+08:00");
        assertThat(Instant.ofEpochMilli(midnight)).hasToString("2026-11-10T16:00:00Z");
        assertThat(ShopTime.localDay(midnight) - ShopTime.localDay(midnight - 1)).isEqualTo(1);
    }
}
