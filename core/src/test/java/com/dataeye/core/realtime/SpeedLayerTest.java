package com.dataeye.core.realtime;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpeedLayerTest {

    @Test
    void foldsDurableEventsInOnItsOwnThreadAndDropsBeyondItsBound() throws Exception {
        Overview overview = new Overview(Clock.systemUTC(), p -> ZoneId.of("Asia/Shanghai"));
        LiveEvents live = new LiveEvents(100);
        try (SpeedLayer speed = new SpeedLayer(overview, live, 3)) {
            speed.durable(List.of(LiveEventsTest.event("shop", "e1", "$pageview"), LiveEventsTest.event("shop", "e2", "$pageview")));
            speed.durable(List.of(LiveEventsTest.event("shop", "e3", "x"), LiveEventsTest.event("shop", "e4", "x")));
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (speed.applied() + speed.dropped() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(speed.applied() + speed.dropped()).isEqualTo(4);
            assertThat(live.lastSeq("shop")).isEqualTo(speed.applied());
        }
    }
}
