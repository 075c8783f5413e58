package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.random.Weighted;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * When in the day sessions start: quiet nights, a lunch peak and the evening peak after 20:00 that
 * Chinese shopping apps see. On the flash-sale day most sessions pile into the minutes after 20:00,
 * the "hot launch" spike of PRODUCT.md D4.
 */
final class DailyRhythm {

    private static final double[] HOUR_WEIGHTS = {
            2.0, 1.0, 0.5, 0.3, 0.3, 0.4, 1.0, 2.5, 3.5, 4.0, 4.5, 5.0,
            6.0, 5.5, 4.5, 4.5, 4.5, 5.0, 5.0, 5.5, 7.0, 8.0, 7.0, 4.0};
    private static final long FLASH_SALE_START = 20 * 3_600_000L;
    private static final double FLASH_SALE_CROWD = 0.6;
    private static final double FLASH_SALE_MEAN_DELAY_MILLIS = 150_000;

    private final Weighted<Integer> hours =
            new Weighted<>(IntStream.range(0, 24).boxed().toList(), HOUR_WEIGHTS);

    /** Milliseconds after midnight at which a session starts. */
    long sessionStart(boolean flashSale, SplittableRandom random) {
        if (flashSale && random.nextDouble() < FLASH_SALE_CROWD) {
            // exponential arrivals after the start: a spike within the first minutes, a tail over the hour
            double delay = -FLASH_SALE_MEAN_DELAY_MILLIS * Math.log(1 - random.nextDouble());
            return FLASH_SALE_START + Math.min((long) delay, 3_599_000L);
        }
        int hour = hours.sample(random);
        return hour * 3_600_000L + random.nextLong(3_600_000L);
    }
}
