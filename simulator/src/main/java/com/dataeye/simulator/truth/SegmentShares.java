package com.dataeye.simulator.truth;

import com.dataeye.simulator.population.Segment;

/** Planted shares of all persons per realised segment; they sum to 1. */
public record SegmentShares(double whale, double contributor, double regular, double observer) {

    public SegmentShares {
        double sum = whale + contributor + regular + observer;
        if (whale < 0 || contributor < 0 || regular < 0 || observer < 0 || Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("segment shares must be non-negative and sum to 1, got " + sum);
        }
    }

    public double of(Segment segment) {
        return switch (segment) {
            case WHALE -> whale;
            case CONTRIBUTOR -> contributor;
            case REGULAR -> regular;
            case OBSERVER -> observer;
        };
    }
}
