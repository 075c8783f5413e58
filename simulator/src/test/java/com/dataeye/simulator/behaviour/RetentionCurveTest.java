package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.truth.Retention;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RetentionCurveTest {

    private final RetentionCurve curve = new RetentionCurve(new Retention(0.25, 0.14, 0.08));

    @Test
    void passesThroughThePlantedDays() {
        assertThat(curve.chance(1)).isCloseTo(0.25, within(1e-12));
        assertThat(curve.chance(7)).isCloseTo(0.14, within(1e-12));
        assertThat(curve.chance(30)).isCloseTo(0.08, within(1e-12));
    }

    @Test
    void fallsSteadilyInBetweenAndAfter() {
        for (int day = 1; day < 89; day++) {
            assertThat(curve.chance(day + 1)).as("day " + day).isLessThan(curve.chance(day));
        }
        assertThat(curve.chance(89)).isPositive();
    }
}
