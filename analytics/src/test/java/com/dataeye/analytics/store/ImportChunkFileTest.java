package com.dataeye.analytics.store;

import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.store.CommitBatch;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of an import chunk write their rows side by side into one file (ImportChunkFile): every row of
 * every part is stored exactly once, however the parts' writes interleave, and the file is gone afterwards.
 */
class ImportChunkFileTest {

    private static final Instant T = Instant.parse("2026-11-20T02:00:00Z");

    private static List<Event> part(String prefix, int n) {
        List<Event> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = prefix + i;
            // long titles, so each part's rows pass the writer's flush size several times and interleave with the other's
            events.add(new Event(id, "shop", "$pageview", EventType.TRACK, "p-" + id, "p-" + id, "p-" + id, null, T, T, "js", "1",
                    new Event.Page("https://shop.example/p/" + (i % 50), null, "标题 \"quoted\", " + "x".repeat(200) + id, null),
                    new Event.Acquisition(null, null, null, null, null, "direct"), new Event.Device(null, null, null, null, null),
                    new Event.Element(null, null, null), new Event.Commerce(null, null, null), Map.of("i", i)));
        }
        return events;
    }

    @Test
    void partsWrittenSideBySideIntoOneFileAreEachStoredOnce() throws Exception {
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            ImportNumbers.Chunk numbers = store.importNumbers().chunk();
            ImportChunkFile file = ImportChunkFile.create();
            ExecutorService threads = Executors.newFixedThreadPool(3);
            List<Future<ImportRows>> parts = new ArrayList<>();
            for (String prefix : List.of("a", "b", "c")) {
                parts.add(threads.submit(() -> ImportRows.of(new CommitBatch(part(prefix, 3_000), List.of(), List.of()), null, numbers, file)));
            }
            List<ImportRows> rows = new ArrayList<>();
            for (Future<ImportRows> f : parts) {
                rows.add(f.get());
            }
            threads.shutdown();
            file.close();
            assertThat(rows).extracting(ImportRows::csv).containsOnly(file.path());

            store.appendImport(rows);

            try (var c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT event_id), "
                         + "count(*) FILTER (WHERE title <> '标题 \"quoted\", ' || repeat('x', 200) || event_id), "
                         + "count(*) FILTER (WHERE json_extract(properties, '$.i')::INTEGER <> CAST(substr(event_id, 2) AS INTEGER)) FROM events")) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows stored").isEqualTo(9_000);
                assertThat(rs.getLong(2)).as("distinct events").isEqualTo(9_000);
                assertThat(rs.getLong(3)).as("rows whose title came out torn").isZero();
                assertThat(rs.getLong(4)).as("rows whose properties belong to another row").isZero();
            }
            assertThat(Files.exists(file.path())).as("the chunk's file, once stored").isFalse();
        }
    }
}
