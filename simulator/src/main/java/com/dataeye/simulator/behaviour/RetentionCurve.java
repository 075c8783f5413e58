package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.truth.Retention;

/**
 * The chance that a person comes back exactly {@code t} days after their first day: a power law through
 * the planted day-1, day-7 and day-30 points (straight lines on log-log axes, the usual shape of
 * retention curves), extended past day 30 with the day-7→30 slope. Because each day is an independent
 * draw, the share of a cohort active on day N is exactly {@code chance(N)} in expectation.
 */
final class RetentionCurve {

    private final double day1;
    private final double day7;
    private final double day30;
    private final double earlySlope;
    private final double lateSlope;

    RetentionCurve(Retention planted) {
        this.day1 = planted.day1();
        this.day7 = planted.day7();
        this.day30 = planted.day30();
        this.earlySlope = Math.log(day7 / day1) / Math.log(7);
        this.lateSlope = Math.log(day30 / day7) / Math.log(30.0 / 7);
    }

    double chance(int daysAfterFirst) {
        if (daysAfterFirst < 1) {
            throw new IllegalArgumentException("day " + daysAfterFirst + " is not after the first day");
        }
        if (daysAfterFirst <= 7) {
            return day1 * Math.pow(daysAfterFirst, earlySlope);
        }
        if (daysAfterFirst <= 30) {
            return day7 * Math.pow(daysAfterFirst / 7.0, lateSlope);
        }
        return day30 * Math.pow(daysAfterFirst / 30.0, lateSlope);
    }
}
