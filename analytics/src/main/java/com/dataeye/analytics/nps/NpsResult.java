package com.dataeye.analytics.nps;

import java.util.List;

/**
 * @param ignored responses without a score from 0 to 10
 * @param groups  per week (Monday's date, oldest first) or per channel (most responses first); empty for by=none
 */
public record NpsResult(String by, double confidence, NpsScore overall, List<NpsScore> groups, long ignored) {}
