package com.dataeye.analytics.store;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PropertiesJsonTest {

    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    private final PropertiesJson json = new PropertiesJson();

    @Test
    void writesTheSameBytesAsJacksonForStringsNeedingEscapesAndUnicode() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quote\"and\\back", "say \"hi\" \\ there");
        m.put("controls", "\u0000\u0001\b\t\n\u000b\f\r\u001f\u007f end");
        m.put("unicode", "链动小铺 é ß ¢ € 😀 \u2028\u2029 \uffff");
        m.put("url", "https://shop.example/p/lut?x=1&y=<b>'/'");
        m.put("中文键", "");
        assertSameAsJackson(m);
    }

    @Test
    void writesTheSameBytesAsJacksonForNumbersBooleansAndNulls() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 42);
        m.put("negative", Integer.MIN_VALUE);
        m.put("long", Long.MAX_VALUE);
        m.put("big", new BigInteger("-123456789012345678901234567890"));
        m.put("doubles", List.of(0.0, -0.0, 14.9, 0.002, 1e-5, 1e7, 1.0E21, 123456789.123, 2e23, 4.9E-324, Double.MAX_VALUE));
        m.put("yes", true);
        m.put("no", false);
        m.put("nothing", null);
        assertSameAsJackson(m);
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isFinite(d)) {
                assertSameAsJackson(Map.of("d", d, "scaled", r.nextInt(1_000_000) / 100.0));
            }
        }
    }

    @Test
    void writesTheSameBytesAsJacksonForNestedMapsAndLists() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("a", List.of(1, "two", List.of(), Map.of()));
        inner.put("b", new LinkedHashMap<>());
        List<Object> list = new ArrayList<>(Arrays.asList(null, true, 3.5, inner, List.of(List.of("deep"))));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("list", list);
        m.put("inner", inner);
        assertSameAsJackson(m);
        assertSameAsJackson(Map.of());
    }

    @Test
    void leavesWhatItDoesNotKnowToJackson() {
        assertThat(json.write(Map.of("d", new BigDecimal("1.50")))).isFalse();
        assertThat(json.write(Map.of("f", 1.5f))).isFalse();
        assertThat(json.write(Map.of("nan", Double.NaN))).isFalse();
        assertThat(json.write(Map.of("lone", "a\ud800b"))).isFalse();
        assertThat(json.write(Map.of("lone", "a\udc00"))).isFalse();
        assertThat(json.write(Map.of(1, "non-string key"))).isFalse();
        assertThat(json.write(Map.of("set", java.util.Set.of("a")))).isFalse();
        // and is usable again afterwards
        assertSameAsJackson(Map.of("k", "v"));
    }

    private void assertSameAsJackson(Map<?, ?> m) {
        assertThat(json.write(m)).isTrue();
        byte[] ours = Arrays.copyOf(json.bytes(), json.size());
        assertThat(new String(ours, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(JACKSON.writeValueAsBytes(m), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(ours).isEqualTo(JACKSON.writeValueAsBytes(m));
    }
}
