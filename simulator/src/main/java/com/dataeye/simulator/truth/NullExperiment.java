package com.dataeye.simulator.truth;

/**
 * An experiment with no effect at all, exposed on the same page as {@link PaymentExperiment}: any
 * difference an analysis reports between its variants is noise, and a correct significance test says so.
 */
public record NullExperiment(String name, String control, String treatment) {
}
