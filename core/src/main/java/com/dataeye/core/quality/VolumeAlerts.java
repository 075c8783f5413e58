package com.dataeye.core.quality;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The signs of a broken release, per event and day: volume that drops or jumps against the mean of
 * the seven days before, and a quarantine share above the threshold. Small events (below
 * {@code minDailyEvents} on both sides) are left alone, since their noise is not a signal.
 */
public final class VolumeAlerts {

    private VolumeAlerts() {}

    /**
     * @param volumeChangePct    alert when the day's volume differs from the 7-day mean by more than this
     * @param minDailyEvents     ignore events whose day and mean are both below this
     * @param quarantineSharePct alert when more than this share of an event's arrivals was quarantined
     */
    public record Rule(int volumeChangePct, long minDailyEvents, int quarantineSharePct) {}

    /** What arrived for one event on one day. */
    public record Day(LocalDate day, long stored, long quarantined) {}

    public enum Kind { VOLUME_DROP, VOLUME_JUMP, QUARANTINE_SPIKE }

    public record Alert(Kind kind, String event, LocalDate day, long value, double baseline, String message) {}

    /** Alerts for {@code day}; {@code history} holds each event's days (missing days had nothing). */
    public static List<Alert> evaluate(Rule rule, LocalDate day, Map<String, List<Day>> history) {
        List<Alert> alerts = new ArrayList<>();
        history.forEach((event, days) -> {
            long value = 0;
            long quarantined = 0;
            long before = 0;
            for (Day d : days) {
                if (d.day().equals(day)) {
                    value = d.stored();
                    quarantined = d.quarantined();
                } else if (!d.day().isAfter(day.minusDays(1)) && !d.day().isBefore(day.minusDays(7))) {
                    before += d.stored();
                }
            }
            double mean = before / 7.0;
            double change = rule.volumeChangePct() / 100.0;
            if (mean >= rule.minDailyEvents() && value < mean * (1 - change)) {
                alerts.add(new Alert(Kind.VOLUME_DROP, event, day, value, mean, String.format(java.util.Locale.ROOT,
                        "%s: %d events on %s, %.0f%% below the 7-day mean of %.1f", event, value, day, 100 * (1 - value / mean), mean)));
            } else if (value >= rule.minDailyEvents() && value > mean * (1 + change)) {
                alerts.add(new Alert(Kind.VOLUME_JUMP, event, day, value, mean, String.format(java.util.Locale.ROOT,
                        "%s: %d events on %s against a 7-day mean of %.1f", event, value, day, mean)));
            }
            long all = value + quarantined;
            if (quarantined > 0 && all > 0 && 100.0 * quarantined / all > rule.quarantineSharePct()) {
                alerts.add(new Alert(Kind.QUARANTINE_SPIKE, event, day, quarantined, all, String.format(java.util.Locale.ROOT,
                        "%s: %d of %d events quarantined on %s (%.0f%%)", event, quarantined, all, day, 100.0 * quarantined / all)));
            }
        });
        return alerts;
    }
}
