package com.dataeye.core.realtime;

import java.util.List;

/**
 * The real-time overview of one project at one moment (docs/api/overview.md). Distinct counts
 * ({@code uv}, {@code dau}, {@code payers}, {@code wau}, {@code mau}, per-minute {@code uv}) are
 * HLL estimates; everything else is exact.
 *
 * @param asOf              the moment, ISO-8601 with the project's offset
 * @param date              today in the project's time zone
 * @param today             today from 00:00 until now
 * @param yesterdaySameTime yesterday from 00:00 until the same time of day
 * @param change            today relative to yesterday at the same time ({@code (t - y) / y}), null where yesterday is 0
 * @param minutes           per-minute series, oldest first, ending with the current (partial) minute
 */
public record OverviewSnapshot(String project, String timeZone, String asOf, String date, long version,
                               Totals today, Totals yesterdaySameTime, Change change, long wau, long mau,
                               List<Minute> minutes, Accuracy accuracy) {

    /**
     * @param aov               average order value, GMV / orders (客单价); null without orders
     * @param payingConversion  payers / DAU; null without active persons
     */
    public record Totals(long events, long pv, long uv, long dau, long newUsers, long orders, double gmv,
                         double refunds, Double aov, long payers, Double payingConversion) {}

    public record Change(Double pv, Double uv, Double dau, Double newUsers, Double orders, Double gmv, Double aov,
                         Double payingConversion) {}

    public record Minute(String minute, long events, long pv, long uv, long orders, double gmv) {}

    /**
     * How approximate the distinct counts are: the relative standard error of an estimate, and the
     * 95 % bound (about two standard errors). Counts below a few hundred are practically exact.
     */
    public record Accuracy(double dayRelativeStandardError, double minuteRelativeStandardError, String note) {}
}
