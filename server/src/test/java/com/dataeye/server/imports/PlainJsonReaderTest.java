package com.dataeye.server.imports;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PlainJsonReaderTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final PlainJsonReader reader = new PlainJsonReader();

    @Test
    void readsAnOrdinaryLineAsTheMapperDoesValuesTypesAndOrder() {
        String line = "{\"event\":\"$WebClick\",\"type\":\"track\",\"event_id\":\"16-5-e\",\"anonymous_id\":\"29fda47a65472ba8\","
                + "\"timestamp\":\"2026-10-23T01:24:25.403+08:00\",\"properties\":{\"$lib\":\"js\",\"price\":14.90,\"qty\":2,"
                + "\"big\":12345678901,\"neg\":-7,\"zero\":-0,\"negzero\":-0.0,\"ok\":true,\"no\":false,\"none\":null,"
                + "\"$title\":\"链动小铺 - 虚拟好物商城 😀\",\"$element_selector\":\"a[data-cat=\\\"ps_pack\\\"]\","
                + "\"escapes\":\"\\\\ \\/ \\b\\f\\n\\r\\t \\u0041\\u00e9\\u4e2d\",\"tags\":[\"a\",1,2.5,[],{}],"
                + "\"nested\":{\"x\":{\"y\":[null]}},\"dup\":1,\"dup\":2,\"中文\":\"键\",\"esc\\\"aped\":1}}";
        assertReadPlainAsTheMapper(line);
        assertReadPlainAsTheMapper(" \t{ \"a\" : [ 1 , 2 ] , \"b\" : { } }\r\n ");
        assertReadPlainAsTheMapper("{}");
    }

    @Test
    void readsNumbersToTheSameValuesAndTypesAsTheMapper() {
        List<String> numbers = new ArrayList<>(List.of("0", "-0", "0.0", "-0.0", "2147483647", "2147483648", "-2147483648",
                "-2147483649", "999999999999999999", "-999999999999999999", "14.90", "0.1", "0.30000000000000004",
                "123456789012345.6", "1.7976931348623157E308", "4.9e-324", "1e400", "-1e400", "1E+2", "1e-2", "2.5E3",
                "9007199254740993", "0.000000000000000000001", "123456789012.345"));
        Random r = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder n = new StringBuilder(r.nextBoolean() ? "-" : "");
            n.append(1 + r.nextInt(9));
            for (int d = r.nextInt(18); d > 0; d--) {
                n.append(r.nextInt(10));
            }
            if (r.nextInt(3) > 0) {
                n.append('.');
                for (int d = 1 + r.nextInt(18); d > 0; d--) {
                    n.append(r.nextInt(10));
                }
            }
            if (r.nextInt(5) == 0) {
                n.append(r.nextBoolean() ? "e" : "E").append(r.nextBoolean() ? "-" : "").append(r.nextInt(330));
            }
            numbers.add(n.toString());
        }
        for (String n : numbers) {
            assertSameAsTheMapper("{\"n\":" + n + ",\"l\":[" + n + "]}");
        }
    }

    @Test
    void leavesToTheMapperWhatItDoesNotReadWithCertainty() {
        for (String line : List.of(
                // broken: the mapper's own error is reported
                "{\"a\":1", "{\"a\":1} {\"b\":2}", "{\"a\":tru}", "{\"a\":truex}", "{a:1}", "{\"a\":1,}", "]", "{\"a\":01}",
                "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":\"tab\tinside\"}", "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12g4\"}", "{\"a\" 1}", "{\"a\":NaN}", "{\"a\":[1 2]}", "{\"a\":\"open}", "",
                // valid, but left to the mapper
                "[1,2,3]", "\"text\"", "42", "null", "\uFEFF{\"a\":1}", "{\"a\":12345678901234567890}",
                "{\"a\":1234567890123456789}", "{\"s\":\"\\ud83d\\ude00\"}", "{\"s\":\"\\ud800\"}")) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            assertThat(reader.read(b, 0, b.length)).as(line).isSameAs(PlainJsonReader.NOT_PLAIN);
        }
        // bytes that are not UTF-8, a control character, deep nesting, a very long line
        byte[] bad = "{\"a\":\"xx\"}".getBytes(StandardCharsets.UTF_8);
        for (byte x : new byte[] {(byte) 0xff, (byte) 0xc3, (byte) 0x80, (byte) 0xed, 0x01}) {
            byte[] b = bad.clone();
            b[7] = x;
            assertThat(reader.read(b, 0, b.length)).isSameAs(PlainJsonReader.NOT_PLAIN);
        }
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        byte[] d = deep.getBytes(StandardCharsets.UTF_8);
        assertThat(reader.read(d, 0, d.length)).isSameAs(PlainJsonReader.NOT_PLAIN);
        byte[] longLine = ("{\"a\":\"" + "x".repeat(PlainJsonReader.MAX_LINE_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(reader.read(longLine, 0, longLine.length)).isSameAs(PlainJsonReader.NOT_PLAIN);
        // and reads the next ordinary line again
        assertReadPlainAsTheMapper("{\"a\":\"b\"}");
    }

    @Test
    void findsQuotesEscapesAndControlCharactersAtAnyPositionOfAString() {
        // the scan looks at eight bytes at a time: each special byte at each position of a word, next to non-ASCII
        for (int k = 0; k < 20; k++) {
            String pad = "x".repeat(k);
            for (String special : List.of("\\\"", "\\\\", "\\n", "中", "é", "\\u00e9", "~", " ")) {
                assertReadPlainAsTheMapper("{\"" + pad + "\":\"" + pad + special + "中" + pad + "\",\"k\":\"" + special + pad + "\","
                        + "\"$title\":\"链动" + pad + special + "é" + special + "\",\"n" + special + "\":\"预设 " + special + "\"}");
            }
            byte[] b = ("{\"a\":\"" + pad + "\u0001" + pad + "\"}").getBytes(StandardCharsets.UTF_8);
            assertThat(reader.read(b, 0, b.length)).as("control character at %d", k).isSameAs(PlainJsonReader.NOT_PLAIN);
            byte[] unclosed = ("{\"a\":\"" + pad).getBytes(StandardCharsets.UTF_8);
            assertThat(reader.read(unclosed, 0, unclosed.length)).isSameAs(PlainJsonReader.NOT_PLAIN);
        }
    }

    @Test
    void aValueRepeatedFromEarlierLinesIsReadAsItIsNotAsAnotherOfTheSameHash() {
        // "Aa" and "BB" have the same String hash; values are remembered by their bytes
        for (String v : List.of("Aa", "BB", "Aa", "链动", "BB", "链动", "", "Aa")) {
            assertReadPlainAsTheMapper("{\"event\":\"" + v + "\",\"properties\":{\"$title\":\"" + v + "\",\"l\":[\"" + v + "\"]}}");
        }
        byte[] bad = "{\"event\":\"Aa\"}".getBytes(StandardCharsets.UTF_8);
        bad[11] = (byte) 0xff;
        assertThat(reader.read(bad, 0, bad.length)).isSameAs(PlainJsonReader.NOT_PLAIN);
        assertReadPlainAsTheMapper("{\"event\":\"Aa\"}");
    }

    @Test
    void readsOnlyItsPartOfALargerBody() {
        byte[] body = "{\"a\":1}\n{\"b\":\"c\"}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(reader.read(body, 8, 17)).isEqualTo(Map.of("b", "c"));
        assertThat(reader.read(body, 0, 6)).isSameAs(PlainJsonReader.NOT_PLAIN);
    }

    private void assertReadPlainAsTheMapper(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        Object plain = reader.read(b, 0, b.length);
        assertThat(plain).as(line).isNotSameAs(PlainJsonReader.NOT_PLAIN);
        assertSame(plain, MAPPER.readValue(b, 0, b.length, Object.class), line);
    }

    /** The mapper's value where this reader reads the line, and nothing where the mapper refuses it. */
    private void assertSameAsTheMapper(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        Object plain = reader.read(b, 0, b.length);
        Object expected;
        try {
            expected = MAPPER.readValue(b, 0, b.length, Object.class);
        } catch (JacksonException e) {
            assertThat(plain).as(line).isSameAs(PlainJsonReader.NOT_PLAIN);
            return;
        }
        if (plain != PlainJsonReader.NOT_PLAIN) {
            assertSame(plain, expected, line);
        }
    }

    /** Equal values of the same classes throughout, maps in the same order. */
    private static void assertSame(Object actual, Object expected, String line) {
        if (expected == null) {
            assertThat(actual).as(line).isNull();
            return;
        }
        assertThat(actual).as(line).isNotNull();
        assertThat(actual.getClass()).as(line).isEqualTo(expected.getClass());
        if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = (Map<?, ?>) actual;
            assertThat(List.copyOf(a.keySet())).as(line).isEqualTo(List.copyOf(e.keySet()));
            for (Object k : e.keySet()) {
                assertSame(a.get(k), e.get(k), line);
            }
        } else if (expected instanceof List<?> e) {
            List<?> a = (List<?>) actual;
            assertThat(a).as(line).hasSameSizeAs(e);
            Iterator<?> ai = a.iterator();
            for (Object x : e) {
                assertSame(ai.next(), x, line);
            }
        } else {
            assertThat(actual).as(line).isEqualTo(expected);
        }
    }
}
