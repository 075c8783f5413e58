package com.dataeye.simulator.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Every random decision comes from a stream derived from the run's seed and a stable key (a person's
 * index, an experiment's name), never from a shared generator. That is what makes a run reproducible
 * byte for byte, and lets any person be regenerated alone (the invite lookup does this).
 */
public final class Seeds {

    private Seeds() {
    }

    /** SplitMix64's finaliser: a cheap bijection that spreads nearby keys over all 64 bits. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static long mix(long a, long b) {
        return mix(mix(a) ^ (b * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
    }

    /** A stable 64-bit key for a name, e.g. an experiment, independent of {@link String#hashCode}'s 32 bits. */
    public static long key(String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** The random stream of one subject (a person, the catalogue) within a run. */
    public static SplittableRandom stream(long runSeed, long subject) {
        return new SplittableRandom(mix(runSeed, subject));
    }

    /** A uniform number in [0, 1) that depends only on its inputs, for sticky assignments. */
    public static double unit(long runSeed, long salt, long subject) {
        return (mix(mix(runSeed, salt), subject) >>> 11) * 0x1.0p-53;
    }
}
