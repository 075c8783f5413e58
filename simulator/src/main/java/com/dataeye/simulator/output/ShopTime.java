package com.dataeye.simulator.output;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The shop's clock: China Standard Time, a fixed +08:00 with no daylight saving, which is why a plain
 * offset (not a zone lookup) is correct and why day boundaries are simple arithmetic.
 *
 * <p>{@link #format} is on the hot path (every event), so it reuses the date part of the last day it
 * formatted instead of going through {@code DateTimeFormatter} each time.
 */
public final class ShopTime {

    public static final ZoneOffset OFFSET = ZoneOffset.ofHours(8);
    public static final long DAY_MILLIS = 86_400_000L;
    private static final long OFFSET_MILLIS = 8 * 3_600_000L;

    private long cachedDay = Long.MIN_VALUE;
    private String cachedDatePrefix;

    /** Midnight of {@code date} in the shop's time zone, as epoch milliseconds. */
    public static long startOfDay(LocalDate date) {
        return date.atStartOfDay().toInstant(OFFSET).toEpochMilli();
    }

    /** The shop-local calendar day (days since 1970-01-01) of an instant. */
    public static long localDay(long epochMillis) {
        return Math.floorDiv(epochMillis + OFFSET_MILLIS, DAY_MILLIS);
    }

    /** {@code 2026-11-11T20:00:03.250+08:00}: millisecond precision, always with the offset. */
    public String format(long epochMillis) {
        long local = epochMillis + OFFSET_MILLIS;
        long day = Math.floorDiv(local, DAY_MILLIS);
        if (day != cachedDay) {
            cachedDay = day;
            cachedDatePrefix = LocalDate.ofEpochDay(day) + "T";
        }
        int msOfDay = (int) (local - day * DAY_MILLIS);
        char[] time = new char[18];
        twoDigits(time, 0, msOfDay / 3_600_000);
        time[2] = ':';
        twoDigits(time, 3, msOfDay / 60_000 % 60);
        time[5] = ':';
        twoDigits(time, 6, msOfDay / 1000 % 60);
        time[8] = '.';
        int ms = msOfDay % 1000;
        time[9] = (char) ('0' + ms / 100);
        time[10] = (char) ('0' + ms / 10 % 10);
        time[11] = (char) ('0' + ms % 10);
        "+08:00".getChars(0, 6, time, 12);
        return cachedDatePrefix.concat(new String(time));
    }

    private static void twoDigits(char[] into, int at, int value) {
        into[at] = (char) ('0' + value / 10);
        into[at + 1] = (char) ('0' + value % 10);
    }
}
