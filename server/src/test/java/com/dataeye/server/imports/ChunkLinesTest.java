package com.dataeye.server.imports;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkLinesTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void numbersLinesAsInTheFileCountingBlankOnesAndKeepingACutLastLine() {
        byte[] body = bytes("{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":");
        ChunkLines lines = ChunkLines.split(body, 41);

        assertThat(lines.count).isEqualTo(3);
        assertThat(lines.numbers[0]).isEqualTo(41);
        assertThat(new String(body, lines.starts[0], lines.ends[0] - lines.starts[0], StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(lines.numbers[1]).isEqualTo(44);
        assertThat(lines.numbers[2]).isEqualTo(45);
        assertThat(lines.fileLines).isEqualTo(5);
    }

    @Test
    void aSensorsSignupLineBecomesTwoEventsWithIdsFromTheLine() {
        byte[] line = bytes("{\"type\":\"track_signup\",\"event\":\"$SignUp\",\"distinct_id\":\"u-1\",\"original_id\":\"dev-1\","
                + "\"time\":1764000000000,\"properties\":{}}");
        List<Object> events = ImportFormat.SENSORS.read(line, 0, line.length);

        assertThat(events).hasSize(2);
        Map<?, ?> identify = (Map<?, ?>) events.get(0);
        Map<?, ?> signup = (Map<?, ?>) events.get(1);
        assertThat(identify.get("type")).isEqualTo("identify");
        assertThat(signup.get("event")).isEqualTo("$SignUp");
        String id = LineReader.contentId(line, 0, line.length);
        assertThat(identify.get("event_id")).isEqualTo(id);
        assertThat(signup.get("event_id")).isEqualTo(id + ":1");
        // the same line read again gets the same ids: a re-import stores nothing twice
        assertThat(((Map<?, ?>) ImportFormat.SENSORS.read(line, 0, line.length).get(1)).get("event_id")).isEqualTo(id + ":1");
    }

    @Test
    void findsEveryLineWhereverItsNewlineFallsInAWord() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            List<String> expected = new java.util.ArrayList<>();
            int lineCount = random.nextInt(12);
            for (int l = 0; l < lineCount; l++) {
                String content = "{\"k\":\"" + "é x".repeat(random.nextInt(6)) + "\"}";
                boolean blank = random.nextInt(5) == 0;
                text.append(blank ? " ".repeat(random.nextInt(3)) : content).append(random.nextBoolean() ? "\n" : "\r\n");
                if (!blank) {
                    expected.add(content);
                }
            }
            if (random.nextBoolean()) {
                text.append("{\"cut\":");
                expected.add("{\"cut\":");
            }
            byte[] body = bytes(text.toString());
            ChunkLines lines = ChunkLines.split(body, 1);
            List<String> found = new java.util.ArrayList<>();
            for (int i = 0; i < lines.count; i++) {
                found.add(new String(body, lines.starts[i], lines.ends[i] - lines.starts[i], StandardCharsets.UTF_8));
            }
            assertThat(found).as(text.toString()).isEqualTo(expected);
            long newlines = text.chars().filter(c -> c == '\n').count();
            assertThat(lines.fileLines).isEqualTo(newlines + (text.toString().endsWith("\n") || text.isEmpty() ? 0 : 1));
        }
    }
}
