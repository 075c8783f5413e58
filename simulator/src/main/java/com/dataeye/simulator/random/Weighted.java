package com.dataeye.simulator.random;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed discrete distribution sampled by binary search over its cumulative weights. Weights need
 * not sum to one.
 */
public final class Weighted<T> {

    private final List<T> values;
    private final double[] cumulative;

    public Weighted(List<T> values, double[] weights) {
        if (values.size() != weights.length || values.isEmpty()) {
            throw new IllegalArgumentException("need one weight per value, and at least one value");
        }
        this.values = List.copyOf(values);
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0 || Double.isNaN(weights[i])) {
                throw new IllegalArgumentException("weights must be non-negative, got " + weights[i]);
            }
            sum += weights[i];
            cumulative[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
    }

    public T sample(SplittableRandom random) {
        return values.get(index(random.nextDouble() * cumulative[cumulative.length - 1]));
    }

    public int size() {
        return values.size();
    }

    private int index(double target) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
