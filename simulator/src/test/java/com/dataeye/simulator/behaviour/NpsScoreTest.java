package com.dataeye.simulator.behaviour;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NpsScoreTest {

    @Test
    void scoresAverageToThePlantedNetPromoterScore() {
        for (int planted : new int[] {-100, -15, 0, 25, 60, 70, 100}) {
            SplittableRandom random = new SplittableRandom(planted);
            int n = 200_000;
            int promoters = 0;
            int detractors = 0;
            for (int i = 0; i < n; i++) {
                int score = Engagement.score(planted, random);
                assertThat(score).isBetween(0, 10);
                promoters += score >= 9 ? 1 : 0;
                detractors += score <= 6 ? 1 : 0;
            }
            assertThat(100.0 * (promoters - detractors) / n).as("NPS " + planted).isCloseTo(planted, within(1.0));
        }
    }
}
