package com.dataeye.core.quality;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VolumeAlertsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final VolumeAlerts.Rule RULE = new VolumeAlerts.Rule(50, 100, 5);

    private static List<VolumeAlerts.Day> week(long perDay, long onDay, long quarantinedOnDay) {
        List<VolumeAlerts.Day> days = new ArrayList<>();
        for (int i = 7; i >= 1; i--) {
            days.add(new VolumeAlerts.Day(DAY.minusDays(i), perDay, 0));
        }
        days.add(new VolumeAlerts.Day(DAY, onDay, quarantinedOnDay));
        return days;
    }

    @Test
    void alertsWhenVolumeDropsBelowHalfTheWeeklyMean() {
        var alerts = VolumeAlerts.evaluate(RULE, DAY, Map.of("order_paid", week(200, 90, 0)));
        assertThat(alerts).extracting(VolumeAlerts.Alert::kind).containsExactly(VolumeAlerts.Kind.VOLUME_DROP);
        assertThat(alerts.get(0).baseline()).isEqualTo(200.0);
        assertThat(VolumeAlerts.evaluate(RULE, DAY, Map.of("order_paid", week(200, 110, 0)))).isEmpty();
    }

    @Test
    void alertsWhenVolumeJumps() {
        assertThat(VolumeAlerts.evaluate(RULE, DAY, Map.of("share", week(200, 301, 0))))
                .extracting(VolumeAlerts.Alert::kind).containsExactly(VolumeAlerts.Kind.VOLUME_JUMP);
    }

    @Test
    void leavesSmallEventsAlone() {
        assertThat(VolumeAlerts.evaluate(RULE, DAY, Map.of("nps_response", week(20, 1, 0)))).isEmpty();
    }

    @Test
    void alertsWhenTheQuarantineShareIsAboveTheThreshold() {
        var alerts = VolumeAlerts.evaluate(RULE, DAY, Map.of("order_paid", week(200, 190, 20)));
        assertThat(alerts).extracting(VolumeAlerts.Alert::kind).containsExactly(VolumeAlerts.Kind.QUARANTINE_SPIKE);
        assertThat(alerts.get(0).message()).contains("20 of 210");
    }
}
