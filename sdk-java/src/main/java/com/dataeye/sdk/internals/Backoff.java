package com.dataeye.sdk.internals;

import com.dataeye.sdk.DataEyeConfig;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long to wait before the next attempt: exponential from {@code retry.backoff.ms}, capped at
 * {@code retry.backoff.max.ms}, with a random share taken off ({@code retry.jitter}) so that many
 * clients that lost the collector at the same moment do not come back in step. A {@code Retry-After}
 * from the collector (its 503 when the commit queue is full) is a floor: the server knows best.
 */
public record Backoff(long baseMs, long maxMs, double jitter) {

    public static Backoff from(DataEyeConfig config) {
        return new Backoff(config.retryBackoffMs(), config.retryBackoffMaxMs(), config.retryJitter());
    }

    /**
     * @param failures     attempts that failed so far, at least 1
     * @param retryAfterMs the server's {@code Retry-After}, or a negative number when it sent none
     * @param random       a number in [0, 1)
     */
    public long delayMs(int failures, long retryAfterMs, double random) {
        int doublings = Math.min(failures - 1, 40);
        long exponential = baseMs > (maxMs >> doublings) ? maxMs : Math.min(maxMs, baseMs << doublings);
        long jittered = exponential - (long) (exponential * jitter * random);
        return Math.max(jittered, retryAfterMs);
    }

    /**
     * The {@code Retry-After} header in milliseconds: delay-seconds or an HTTP date.
     *
     * @return a negative number when the header is absent or unreadable
     */
    public static long retryAfterMs(String header, long nowMillis) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String h = header.trim();
        try {
            return Math.max(0, Long.parseLong(h)) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                long at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Math.max(0, at - nowMillis);
            } catch (DateTimeParseException unreadable) {
                return -1;
            }
        }
    }
}
