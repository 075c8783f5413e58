package com.dataeye.analytics.funnel;

import java.util.List;

/**
 * Persons reaching each step, overall ({@code $all}) and per breakdown value; {@code conversion} is
 * relative to the first step, {@code step_conversion} to the step before, {@code median_seconds}
 * the median time from the step before among those who reached the step.
 */
public record FunnelResult(List<Group> groups) {

    public record Group(String group, List<StepResult> steps) {}

    public record StepResult(int step, String event, long persons, double conversion, double stepConversion, long droppedHere,
                             Double medianSeconds) {}
}
