package com.dataeye.server.imports;

import com.dataeye.core.ingest.RawEvent;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineReaderTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void readsEachLineExactlyAsTheMapperDoesValuesTypesAndOrder() {
        for (String line : List.of(
                "{\"type\":\"track\",\"event\":\"order_paid\",\"event_id\":\"e-1\",\"timestamp\":\"2026-08-26T00:00:00.000+08:00\","
                        + "\"properties\":{\"price\":14.90,\"qty\":2,\"big\":12345678901,\"huge\":123456789012345678901234567890,"
                        + "\"ok\":true,\"no\":false,\"none\":null,\"tags\":[\"a\",1,2.5,[],{}],\"nested\":{\"x\":{\"y\":[null]}},"
                        + "\"name\":\"国潮插画\\u0041\\n\",\"neg\":-0.0,\"exp\":1e400,\"dup\":1,\"dup\":2}}",
                "[1,2,3]", "\"text\"", "42", "null", "{}")) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            Object expected = MAPPER.readValue(b, 0, b.length, Object.class);
            Object actual = LineReader.parse(b, 0, b.length);
            assertThat(actual).as(line).isEqualTo(expected);
            assertThat(String.valueOf(actual)).as(line).isEqualTo(String.valueOf(expected));
            if (expected != null) {
                assertThat(actual.getClass()).isEqualTo(expected.getClass());
            }
        }
    }

    @Test
    void aBrokenLineGetsTheMappersOwnReason() {
        for (String line : List.of("{\"a\":1", "{\"a\":1} {\"b\":2}", "{\"a\":tru}", "{a:1}", "{\"a\":1,}", "]")) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            String expected;
            try {
                expected = String.valueOf(MAPPER.readValue(b, 0, b.length, Object.class));
            } catch (tools.jackson.core.JacksonException e) {
                expected = LineReader.unreadable(e).reason();
            }
            Object actual = LineReader.read(b, 0, b.length);
            String got = actual instanceof RawEvent.Unreadable u ? u.reason() : String.valueOf(actual);
            if (!(actual instanceof RawEvent.Unreadable)) {
                // a value the mapper accepts (it reads a line with trailing content as it chooses) is read the same
                assertThat(got.replaceAll(", event_id=imp:[0-9a-f]+", "")).as(line).isEqualTo(expected);
            } else {
                assertThat(got).as(line).isEqualTo(expected);
            }
        }
    }
}
