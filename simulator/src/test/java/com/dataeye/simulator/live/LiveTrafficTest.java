package com.dataeye.simulator.live;

import com.dataeye.simulator.SimulationConfig;
import com.dataeye.simulator.output.SimulatedEvent;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LiveTrafficTest {

    @Test
    void stampsEveryEventWithTheClockAndNeverRepeatsAnIdAcrossRuns() {
        AtomicLong now = new AtomicLong(1_800_000_000_000L);
        SimulationConfig shop = SimulationConfig.defaults().withPersons(50);
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int run = 0; run < 2; run++) {
            LiveTraffic live = new LiveTraffic(shop, now::get);
            for (int i = 0; i < 3_000; i++) {
                SimulatedEvent e = live.next();
                assertThat(e.timestamp()).isEqualTo(now.get());
                assertThat(ids.add(e.eventId())).as("id %s seen before", e.eventId()).isTrue();
                names.add(e.name());
                now.addAndGet(7);
            }
        }
        // visitors of a 50-person shop run out: the stream goes on with new ones, and looks like the shop
        assertThat(names).contains("$pageview", "product_view", "add_to_cart", "order_paid");
    }
}
