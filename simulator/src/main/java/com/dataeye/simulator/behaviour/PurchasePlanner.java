package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.population.Segment;
import com.dataeye.simulator.truth.PaymentExperiment;

import java.util.SplittableRandom;

/**
 * How many purchases a person sets out to make and in which sessions. The number depends on the planned
 * segment only, never on the channel or on how often the person visits, so what a spender spends is the
 * same whatever brought them: the LTV ratio between channels then comes from the segment mix alone.
 */
final class PurchasePlanner {

    /** P(k purchase intents) for planned regulars, k = 0…4; at least one, or they would be observers. */
    static final double[] REGULAR_INTENTS = {0, 0.55, 0.28, 0.12, 0.05};
    /** Contributors share first and buy second. */
    static final double[] CONTRIBUTOR_INTENTS = {0.40, 0.35, 0.25};
    static final int WHALE_MIN_INTENTS = 5;
    static final int WHALE_EXTRA_INTENTS = 5;
    /** Share of the first purchase made on the first visit (impulse buys). */
    private static final double FIRST_VISIT_PURCHASE = 0.5;

    /** Purchase intents per session, indexed like the person's sessions. */
    int[] intentsPerSession(Segment planned, int sessions, SplittableRandom random) {
        int intents = switch (planned) {
            case REGULAR -> draw(REGULAR_INTENTS, random);
            case CONTRIBUTOR -> draw(CONTRIBUTOR_INTENTS, random);
            case WHALE -> WHALE_MIN_INTENTS + random.nextInt(WHALE_EXTRA_INTENTS + 1);
            case OBSERVER -> 0;
        };
        int[] perSession = new int[sessions];
        for (int i = 0; i < intents; i++) {
            boolean impulse = i == 0 && random.nextDouble() < FIRST_VISIT_PURCHASE;
            perSession[impulse ? 0 : random.nextInt(sessions)]++;
        }
        return perSession;
    }

    /**
     * Probability that a planned regular pays at least once: each intent is one attempt that succeeds with
     * the variant's {@link PaymentExperiment#attemptSuccess}, and the two variants are equally likely.
     */
    static double chanceRegularBuys(PaymentExperiment experiment) {
        double failAll = 0;
        for (String variant : new String[] {PaymentExperiment.BANK_CARD, PaymentExperiment.WECHAT_PAY}) {
            double fail = 1 - experiment.attemptSuccess(variant);
            for (int k = 1; k < REGULAR_INTENTS.length; k++) {
                failAll += 0.5 * REGULAR_INTENTS[k] * Math.pow(fail, k);
            }
        }
        return 1 - failAll;
    }

    private static int draw(double[] distribution, SplittableRandom random) {
        double r = random.nextDouble();
        for (int k = 0; k < distribution.length; k++) {
            r -= distribution[k];
            if (r < 0) {
                return k;
            }
        }
        return distribution.length - 1;
    }
}
