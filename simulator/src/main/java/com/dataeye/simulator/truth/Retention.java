package com.dataeye.simulator.truth;

/**
 * Planted day-N retention of one channel: of the persons whose first page view falls on a day, the share
 * with a page view again exactly 1, 7 and 30 days later (shop-local calendar days). Days in between
 * follow a power-law curve through these three points.
 */
public record Retention(double day1, double day7, double day30) {

    public Retention {
        for (double r : new double[] {day1, day7, day30}) {
            if (!(r > 0 && r < 1)) {
                throw new IllegalArgumentException("retention rates must be between 0 and 1 (exclusive), got " + r);
            }
        }
        if (day7 > day1 || day30 > day7) {
            throw new IllegalArgumentException("retention must not rise with time: " + day1 + ", " + day7 + ", " + day30);
        }
    }
}
