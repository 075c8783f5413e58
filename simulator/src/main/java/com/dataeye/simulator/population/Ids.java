package com.dataeye.simulator.population;

import com.dataeye.simulator.random.Seeds;

import java.util.HexFormat;

/**
 * The identifiers the shop would send. All are derived from the run's seed and the person's index, so
 * they are reproducible, unique within a run, and different between runs with different seeds.
 */
public final class Ids {

    private static final HexFormat HEX = HexFormat.of();

    private Ids() {
    }

    /** A cookie / install id: 16 hex digits, like an SDK's random device id. */
    public static String anonymousId(long seed, int person, int device) {
        return HEX.toHexDigits(Seeds.mix(Seeds.mix(seed, person), device + 1L));
    }

    /** The shop's user id once the person has signed up. */
    public static String loginId(int person) {
        return "u" + (10_000_000L + person);
    }

    /** The person's referral code, carried by invite links. */
    public static String inviteCode(int person) {
        return "INV" + Long.toString(1_000_000L + person, 36).toUpperCase();
    }

    /**
     * The part of a person's event ids before their event counter: {@code <seed>-<person>-} in base 36, so
     * ids are unique per run and differ between seeds.
     */
    public static String eventIdPrefix(long seed, int person) {
        return Long.toUnsignedString(seed, 36) + "-" + Integer.toString(person, 36) + "-";
    }

    /** Event ids of records about no person (the catalogue). */
    public static String catalogEventId(long seed, int sequence) {
        return Long.toUnsignedString(seed, 36) + "-catalog-" + Integer.toString(sequence, 36);
    }

    public static String orderId(int person, int order) {
        return "O" + Integer.toString(person, 36).toUpperCase() + "-" + order;
    }
}
