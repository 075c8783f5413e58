package com.dataeye.server.imports;

import com.dataeye.analytics.store.DuckDb;
import com.dataeye.server.cli.ImportCommand;
import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Bulk import of an NDJSON history through the command-line client, against the real server. */
class ImportIT extends InProcessServer {

    @Autowired
    DuckDb db;

    @TempDir
    Path dir;

    private static String event(String name, String person, String ts, String props) {
        return "{\"event\":\"" + name + "\",\"anonymous_id\":\"" + person + "\",\"timestamp\":\"" + ts + "\",\"properties\":" + props + "}\n";
    }

    private long stored(String event) {
        JsonNode days = api().getAsSecretKey("/api/v1/projects/demo/events/daily?event=" + event + "&from=2024-01-01&to=2026-12-31")
                .body().path("days");
        long n = 0;
        for (JsonNode d : days) {
            n += d.path("events").asLong();
        }
        return n;
    }

    private void runImport(Path file, int chunkLines) throws Exception {
        ImportCommand.main(new String[] {"--file", file.toString(), "--server", "http://localhost:" + port,
                "--key", api().secretKey, "--chunk-lines", Integer.toString(chunkLines)});
    }

    @Test
    void importsGoodLinesAndReportsEachBadOneByLine() throws Exception {
        String name = "hist_" + UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int i = 1; i <= 5; i++) {
            file.write(event(name, "p" + i, "2025-03-0" + i + "T10:00:00+08:00", "{\"amount\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        file.write("{\"event\": broken\n".getBytes(StandardCharsets.UTF_8));                                  // line 6
        file.write(("{\"event\":\"" + name + "\",\"anonymous_id\":\"x\",\"properties\":{\"t\":\"caf").getBytes(StandardCharsets.UTF_8));
        file.write(new byte[] {(byte) 0xE9, '"', '}', '}', '\n'});                                          // line 7, Latin-1
        file.write(event(name, "p8", "2025-03-08T10:00:00+08:00", "{\"amount\":\"lots\"}").getBytes(StandardCharsets.UTF_8)); // line 8
        file.write("null\n".getBytes(StandardCharsets.UTF_8));                                              // line 9, JSON but no event
        file.write("\n".getBytes(StandardCharsets.UTF_8));                                                  // line 10, blank
        file.write(event(name, "p10", "2024-06-01T10:00:00+08:00", "{}").getBytes(StandardCharsets.UTF_8)); // line 11, old: fine
        file.write(("{\"event\":\"" + name + "\",\"anonymous_id\":\"cut").getBytes(StandardCharsets.UTF_8)); // line 12, cut short
        Path ndjson = dir.resolve("history.ndjson");
        Files.write(ndjson, file.toByteArray());

        runImport(ndjson, 3);

        assertThat(stored(name)).isEqualTo(6);
        List<String> report = Files.readAllLines(dir.resolve("history.ndjson.import-report.ndjson"));
        assertThat(report).hasSize(5);
        assertThat(report.get(0)).contains("\"line\":6").contains("malformed_json");
        assertThat(report.get(1)).contains("\"line\":7").contains("UTF-8");
        assertThat(report.get(2)).contains("\"line\":8").contains("invalid_property_type").contains("properties.amount");
        assertThat(report.get(3)).contains("\"line\":9").contains("not_an_object");
        assertThat(report.get(4)).contains("\"line\":12").contains("malformed_json");
        assertThat(dir.resolve("history.ndjson.import-state")).doesNotExist();
    }

    private Map<String, String> personOfEachEvent(String name) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT json_extract_string(properties, '$.n'), person_id FROM events WHERE event = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Anonymous browsing in the first chunks, the login in a later one, and the same anonymous id after it. */
    private static byte[] visitThenLoginInALaterChunk(String name, String anon, String user) {
        String login = "{\"event\":\"" + name + "\",\"anonymous_id\":\"" + anon + "\",\"login_id\":\"" + user
                + "\",\"timestamp\":\"2025-03-03T10:00:00+08:00\",\"properties\":{\"n\":\"3\"}}\n";
        return (event(name, anon, "2025-03-01T10:00:00+08:00", "{\"n\":\"1\"}")
                + event(name, anon, "2025-03-02T10:00:00+08:00", "{\"n\":\"2\"}")
                + login
                + event(name, anon, "2025-03-04T10:00:00+08:00", "{\"n\":\"4\"}")).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eventsBeforeALoginInALaterChunkBelongToTheLoginOnceTheImportIsFinished() throws Exception {
        String name = "visit_" + UUID.randomUUID().toString().substring(0, 8);
        String user = "u-" + name;
        Path ndjson = dir.resolve("visits.ndjson");
        Files.write(ndjson, visitThenLoginInALaterChunk(name, "a-" + name, user));

        runImport(ndjson, 2); // the login is in the second chunk; the command ends with …/import/finish

        assertThat(personOfEachEvent(name)).containsExactly(Map.entry("1", user), Map.entry("2", user), Map.entry("3", user),
                Map.entry("4", user));
    }

    @Test
    void anImportThatIsNeverFinishedHasItsLinksAppliedOnceItGoesQuiet() throws Exception {
        String name = "quiet_" + UUID.randomUUID().toString().substring(0, 8);
        String user = "u-" + name;
        byte[] lines = visitThenLoginInALaterChunk(name, "a-" + name, user);
        String text = new String(lines, StandardCharsets.UTF_8);
        int second = text.indexOf('\n', text.indexOf('\n') + 1) + 1;
        // two chunks by plain HTTP, no finish: the earlier events wait under the anonymous person …
        String path = "/api/v1/projects/demo/import?import_id=" + name;
        assertThat(api().post(path + "&first_line=1", text.substring(0, second).getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + api().secretKey).status()).isEqualTo(200);
        assertThat(api().post(path + "&first_line=3", text.substring(second).getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + api().secretKey).status()).isEqualTo(200);
        // … until the import has been quiet for a moment
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(personOfEachEvent(name))
                .containsExactly(Map.entry("1", user), Map.entry("2", user), Map.entry("3", user), Map.entry("4", user)));
    }

    @Test
    void resumingFromASavedPositionStoresNothingTwice() throws Exception {
        String name = "resume_" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            lines.append(event(name, "p" + i, "2025-05-01T10:00:00+08:00", "{}"));
        }
        Path gz = dir.resolve("history.ndjson.gz");
        Files.write(gz, Api.gzip(lines.toString().getBytes(StandardCharsets.UTF_8)));
        Path state = dir.resolve("history.ndjson.gz.import-state");
        Files.writeString(state, "import_id=fixed-" + name + "\nnext_line=1\n");
        runImport(gz, 7);
        assertThat(stored(name)).isEqualTo(50);
        // an interruption after line 20 was acknowledged but before the state file said so
        Files.writeString(state, "import_id=fixed-" + name + "\nnext_line=12\n");
        runImport(gz, 7);
        assertThat(stored(name)).isEqualTo(50);
        // and the same file imported again from scratch, as a new import
        runImport(gz, 7);
        assertThat(stored(name)).isEqualTo(50);
    }

    @Test
    void importsASensorsExportWithTheSensorsMappingAndStoresNothingTwice() throws Exception {
        String name = "sa_" + UUID.randomUUID().toString().substring(0, 8);
        long now = System.currentTimeMillis() - 86_400_000L;
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            lines.append("{\"type\":\"track\",\"event\":\"").append(name).append("\",\"distinct_id\":\"dev-").append(i)
                    .append("\",\"time\":").append(now + i).append(",\"lib\":{\"$lib\":\"js\"},\"properties\":{\"$os\":\"iOS\",")
                    .append("\"$is_first_day\":true,\"price\":").append(i).append("}}\n");
        }
        lines.append("{\"type\":\"track_signup\",\"event\":\"$SignUp\",\"distinct_id\":\"user-").append(name)
                .append("\",\"original_id\":\"dev-1\",\"time\":").append(now + 9).append(",\"properties\":{}}\n");   // line 4
        lines.append("{\"type\":\"track\",\"event\":").append('\n');                                                  // line 5
        Path export = dir.resolve("sensors.ndjson");
        Files.writeString(export, lines);

        ImportCommand.main(new String[] {"--file", export.toString(), "--server", "http://localhost:" + port,
                "--key", api().secretKey, "--format", "sensors"});
        assertThat(stored(name)).isEqualTo(3);
        List<String> report = Files.readAllLines(dir.resolve("sensors.ndjson.import-report.ndjson"));
        assertThat(report).hasSize(1);
        assertThat(report.get(0)).contains("\"line\":5").contains("malformed_json");
        JsonNode events = api().getAsSecretKey("/api/v1/projects/demo/events?event=" + name + "&limit=10").body().path("events");
        assertThat(events).hasSize(3);

        ImportCommand.main(new String[] {"--file", export.toString(), "--server", "http://localhost:" + port,
                "--key", api().secretKey, "--format", "sensors"});
        assertThat(stored(name)).isEqualTo(3);
    }

    @Test
    void aCompressedFileCutInTheMiddleImportsTheLinesItHolds() throws Exception {
        String name = "cut_" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder lines = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        for (int i = 1; i <= 400; i++) {
            // incompressible padding, so the cut falls inside the lines, not in a tiny compressed tail
            lines.append(event(name, "p" + i, "2025-05-01T10:00:00+08:00", "{\"pad\":\"" + Long.toString(random.nextLong(), 36) + "\"}"));
        }
        byte[] gz = Api.gzip(lines.toString().getBytes(StandardCharsets.UTF_8));
        Path cut = dir.resolve("cut.ndjson.gz");
        Files.write(cut, java.util.Arrays.copyOf(gz, gz.length / 2));

        runImport(cut, 50);

        long stored = stored(name);
        assertThat(stored).isBetween(100L, 300L);
        Path report = dir.resolve("cut.ndjson.gz.import-report.ndjson");
        // at most the torn last line is refused, and it is said so by line number
        if (Files.exists(report)) {
            List<String> refused = Files.readAllLines(report);
            assertThat(refused).hasSize(1);
            assertThat(refused.get(0)).contains("\"line\":" + (stored + 1)).contains("malformed_json");
        }
        assertThat(dir.resolve("cut.ndjson.gz.import-state")).doesNotExist();
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheParameter() {
        Api.Response r = api().post("/api/v1/projects/demo/import?import_id=x&format=csv", "{}\n".getBytes(),
                "Authorization", "Bearer " + api().secretKey);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("error").path("field").asString()).isEqualTo("format");
    }

    @Test
    void theWriteKeyCannotImport() {
        Api.Response r = api().post("/api/v1/projects/demo/import?import_id=x", "{}\n".getBytes(), "Authorization", "Bearer " + api().writeKey);
        assertThat(r.status()).isEqualTo(401);
    }
}
