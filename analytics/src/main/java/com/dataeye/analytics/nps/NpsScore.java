package com.dataeye.analytics.nps;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * One NPS figure with its confidence interval. Each response is a draw from a trinomial (promoter,
 * passive, detractor), so NPS = 100·(p̂ − d̂) has variance (p + d − (p − d)²) / n; the interval is
 * the normal approximation NPS ± z·100·√that, clipped to [−100, 100]. Below about 30 responses the
 * approximation is rough, which {@code responses} lets a reader see.
 *
 * @param nps    null without responses
 * @param ciLow  lower end of the interval; null without responses
 */
public record NpsScore(String group, long responses, long promoters, long passives, long detractors,
                       Double nps, Double ciLow, Double ciHigh) {

    public static NpsScore of(String group, long promoters, long passives, long detractors, double confidence) {
        long n = promoters + passives + detractors;
        if (n == 0) {
            return new NpsScore(group, 0, 0, 0, 0, null, null, null);
        }
        double p = promoters / (double) n;
        double d = detractors / (double) n;
        double nps = 100 * (p - d);
        double se = 100 * Math.sqrt(Math.max(0, p + d - (p - d) * (p - d)) / n);
        double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return new NpsScore(group, n, promoters, passives, detractors, round(nps),
                round(Math.max(-100, nps - z * se)), round(Math.min(100, nps + z * se)));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
