package com.dataeye.simulator.output;

import com.dataeye.core.event.EventType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class NdjsonFileSinkTest {

    private static SimulatedEvent paid(int n) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("order_id", "O-" + n);
        props.put("amount", BigDecimal.valueOf(3990, 2));
        props.put("$title", "胶片复古LUT调色预设");
        return new SimulatedEvent(EventType.TRACK, "order_paid", "e-" + n, null, "u1", null, null,
                ShopTime.startOfDay(java.time.LocalDate.of(2026, 11, 11)) + n, props);
    }

    @Test
    void writesOneCompactJsonObjectPerLineInTheCollectorShape(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.ndjson");
        try (NdjsonFileSink sink = new NdjsonFileSink(file, false)) {
            sink.accept(paid(1));
            sink.accept(paid(2));
        }

        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"event\":\"order_paid\",\"type\":\"track\",\"event_id\":\"e-1\",\"login_id\":\"u1\","
                        + "\"timestamp\":\"2026-11-11T00:00:00.001+08:00\",\"properties\":{\"order_id\":\"O-1\","
                        + "\"amount\":39.90,\"$title\":\"胶片复古LUT调色预设\"}}",
                "{\"event\":\"order_paid\",\"type\":\"track\",\"event_id\":\"e-2\",\"login_id\":\"u1\","
                        + "\"timestamp\":\"2026-11-11T00:00:00.002+08:00\",\"properties\":{\"order_id\":\"O-2\","
                        + "\"amount\":39.90,\"$title\":\"胶片复古LUT调色预设\"}}");
    }

    @Test
    void gzipOutputHoldsTheSameLines(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("events.ndjson");
        Path gzip = dir.resolve("events.ndjson.gz");
        try (NdjsonFileSink a = new NdjsonFileSink(plain, false); NdjsonFileSink b = new NdjsonFileSink(gzip, true)) {
            for (int i = 0; i < 1_000; i++) {
                a.accept(paid(i));
                b.accept(paid(i));
            }
        }

        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gzip)), StandardCharsets.UTF_8))) {
            List<String> unzipped = in.lines().toList();
            assertThat(unzipped).isEqualTo(Files.readAllLines(plain));
        }
        assertThat(Files.size(gzip)).isLessThan(Files.size(plain) / 4);
    }
}
