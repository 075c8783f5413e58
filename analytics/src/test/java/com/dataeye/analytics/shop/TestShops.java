package com.dataeye.analytics.shop;

import com.dataeye.simulator.SimulationConfig;

/** The simulated shops the truth tests share (one load per test JVM). */
public final class TestShops {

    private TestShops() {}

    /** 6,000 persons over 90 days: about 125,000 events, loaded in a few seconds. */
    public static final SimulationConfig SMALL = SimulationConfig.defaults().withPersons(6_000).withSeed(11);
}
