package com.dataeye.analytics.store;

import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImportCsvTest {

    @Test
    void quotesOnlyWhatMustBeQuotedAndEncodesUtf8AsGetBytesDoes() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("note", "a \"quoted\", 中文 😀 \n line");
        props.put("n", 3);
        Event e = new Event("id-1", "shop", "$pageview", EventType.TRACK, "p", "d", "a", null,
                Instant.ofEpochMilli(1_732_531_200_123L), Instant.ofEpochSecond(-5, 1_000), "js", "",
                new Event.Page("https://shop.example/p?a=1,b=2", "/p", "链动小铺 - \"虚拟\" 好物 😀", null),
                new Event.Acquisition("lone \ud800 surrogate", null, null, null, null, "direct"),
                new Event.Device("iOS", null, "mobile", null, "203.0.113.0"),
                new Event.Element("é", null, "tab\there"),
                new Event.Commerce(null, null, new BigDecimal("19.905")),
                props);
        ImportCsv csv = new ImportCsv(16);
        csv.row(e, e.personId(), new ImportNumbers().chunk());
        String row = new String(csv.buffer(), 0, csv.size(), StandardCharsets.UTF_8);
        assertThat(row).isEqualTo("id-1,shop,$pageview,track,p,d,a,,1732531200123000,-4999999,js,\"\","
                + "\"https://shop.example/p?a=1,b=2\",/p,\"链动小铺 - \"\"虚拟\"\" 好物 😀\",,"
                + "\"lone ? surrogate\",,,,,direct,iOS,,mobile,,203.0.113.0,\"é\",,\"tab\there\",,,19.91,"
                // the URL and the selector are new to the store: provisional numbers of the chunk
                + "-1,-1,-1,"
                + "\"{\"\"note\"\":\"\"a \\\"\"quoted\\\"\", 中文 😀 \\n line\"\",\"\"n\"\":3}\"\n");
    }

    @Test
    void writesTimestampsAsEpochMicrosOfAnyLength() {
        ImportCsv csv = new ImportCsv(16);
        for (long micros : new long[] {0, 7, 99_999_999, 100_000_000, 100_000_001, 1_732_531_200_123_456L, -1, -100_000_000,
                1_000_000_000_000_000_007L, -1_000_000_000_000_000_007L, 123_456_789_012_345_678L}) {
            Instant t = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
            csv.reset();
            csv.row(new Event("e", "shop", "x", EventType.TRACK, "p", "d", null, null, t, t, null, null,
                    new Event.Page(null, null, null, null), new Event.Acquisition(null, null, null, null, null, null),
                    new Event.Device(null, null, null, null, null), new Event.Element(null, null, null),
                    new Event.Commerce(null, null, null), Map.of()), "p", new ImportNumbers().chunk());
            String row = new String(csv.buffer(), 0, csv.size(), StandardCharsets.UTF_8);
            assertThat(row).startsWith("e,shop,x,track,p,d,,," + micros + "," + micros + ",");
        }
    }
}
