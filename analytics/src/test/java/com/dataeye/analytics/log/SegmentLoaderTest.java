package com.dataeye.analytics.log;

import com.dataeye.analytics.browse.QuarantineQuery;
import com.dataeye.analytics.browse.RecentEventsQuery;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.store.QuarantinedEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.dataeye.analytics.store.EventFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

class SegmentLoaderTest {

    @TempDir
    Path dir;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Instant t = Instant.parse("2026-11-25T02:00:00Z");

    private static CommitBatch events(String... ids) {
        List<com.dataeye.core.event.Event> list = new ArrayList<>();
        for (String id : ids) {
            list.add(event(id, "order_paid", "anon-" + id, Instant.parse("2026-11-25T02:00:00Z")));
        }
        return new CommitBatch(list, List.of(), List.of());
    }

    private List<Object> ids(DuckDb db) {
        return new RecentEventsQuery("shop", null, null, 1000).run(db, json).stream().map(r -> r.get("event_id")).sorted().toList();
    }

    @Test
    void loadsEverythingAppendedWithEveryColumnOnCatchUp() {
        try (DuckDb db = DuckDb.open(dir.resolve("e.duckdb"), null); DuckDbEventStore store = new DuckDbEventStore(db);
             SegmentLog log = new SegmentLog(dir.resolve("log"))) {
            SegmentLoader loader = new SegmentLoader(log, store, Duration.ofHours(1), Long.MAX_VALUE);
            log.append(events("a", "b"));
            log.append(new CommitBatch(List.of(), List.of(new IdentityLink("shop", "anon-a", "user-1", t)),
                    List.of(new QuarantinedEvent("shop", t, "q1", "invalid_property_type", "properties.amount", "must be a number", "{\"x\":1}"))));
            loader.catchUp();
            assertThat(ids(db)).containsExactly("a", "b");
            Map<String, Object> a = new RecentEventsQuery("shop", null, "user-1", 10).run(db, json).get(0);
            assertThat(a).containsEntry("title", "LUT 预设").containsEntry("channel", "short_video").containsEntry("ts", "2026-11-25T02:00:00Z")
                    .containsEntry("properties", Map.of("coupon", "NEW10", "tags", List.of("ps", "lut")));
            assertThat(a.get("amount").toString()).isEqualTo("19.90");
            assertThat(new QuarantineQuery("shop", null, 10).run(db, json)).singleElement()
                    .satisfies(q -> assertThat(q).containsEntry("field", "properties.amount"));
            assertThat(log.sealedSegments()).isEmpty();
        }
    }

    @Test
    void recoversSegmentsACrashLeftBehindExactlyOnce() throws Exception {
        Path logDir = dir.resolve("log");
        // a run that acknowledged events and died before loading them
        SegmentLog crashed = new SegmentLog(logDir);
        crashed.append(events("a", "b"));
        crashed.append(events("c"));
        // ...and whose last, unacknowledged write was torn off mid-line
        Path segment = crashed.path(1);
        Files.writeString(segment, "{\"k\":\"e\",\"event_id\":\"torn", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (DuckDb db = DuckDb.open(dir.resolve("e.duckdb"), null); DuckDbEventStore store = new DuckDbEventStore(db);
             SegmentLog log = new SegmentLog(logDir)) {
            new SegmentLoader(log, store, Duration.ofHours(1), Long.MAX_VALUE).recover();
            assertThat(ids(db)).containsExactly("a", "b", "c");
            assertThat(Files.exists(segment)).isFalse();
        }
    }

    @Test
    void aSegmentLoadedBeforeTheCrashIsNotLoadedAgain() throws Exception {
        Path logDir = dir.resolve("log");
        try (DuckDb db = DuckDb.open(dir.resolve("e.duckdb"), null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            SegmentLog log = new SegmentLog(logDir);
            log.append(events("a"));
            long seq = log.seal().orElseThrow();
            Path copy = dir.resolve("copy");
            Files.copy(log.path(seq), copy);
            new SegmentLoader(log, store, Duration.ofHours(1), Long.MAX_VALUE).catchUp();
            // the crash came after the load's commit but before the file was deleted
            Files.copy(copy, log.path(seq));
            SegmentLog restarted = new SegmentLog(logDir);
            new SegmentLoader(restarted, store, Duration.ofHours(1), Long.MAX_VALUE).recover();
            assertThat(ids(db)).containsExactly("a");
            assertThat(Files.exists(log.path(seq))).isFalse();
        }
    }

    @Test
    void theBackgroundLoaderLoadsWithoutBeingAsked() throws Exception {
        try (DuckDb db = DuckDb.open(dir.resolve("e.duckdb"), null); DuckDbEventStore store = new DuckDbEventStore(db);
             SegmentLog log = new SegmentLog(dir.resolve("log"))) {
            SegmentLoader loader = new SegmentLoader(log, store, Duration.ofMillis(100), Long.MAX_VALUE);
            loader.start();
            log.append(events("a"));
            long deadline = System.currentTimeMillis() + 10_000;
            while (ids(db).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            loader.close();
            assertThat(ids(db)).containsExactly("a");
        }
    }

    @Test
    void aSegmentThatCannotBeLoadedIsSetAsideAndTheNextOneStillLoads() throws Exception {
        Path logDir = dir.resolve("log");
        SegmentLog crashed = new SegmentLog(logDir);
        crashed.append(events("a"));
        long bad = crashed.seal().orElseThrow();
        // damage inside the file (not a torn tail): the loader cannot read it
        Files.writeString(crashed.path(bad), "{\"k\":\"e\",\"ts\":\"not a number\"}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        crashed.append(events("b"));
        try (DuckDb db = DuckDb.open(dir.resolve("e.duckdb"), null); DuckDbEventStore store = new DuckDbEventStore(db);
             SegmentLog log = new SegmentLog(logDir)) {
            SegmentLoader loader = new SegmentLoader(log, store, Duration.ofHours(1), Long.MAX_VALUE);
            loader.recover();
            assertThat(ids(db)).containsExactly("b");
            assertThat(loader.segmentsSetAside()).isEqualTo(1);
            assertThat(logDir.resolve("failed").resolve(crashed.path(bad).getFileName())).exists();
        }
    }

    @Test
    void theBackgroundLoaderWaitsForItsIntervalSoLoadsStayLarge() throws Exception {
        try (DuckDb db = DuckDb.open(dir.resolve("e.duckdb"), null); DuckDbEventStore store = new DuckDbEventStore(db);
             SegmentLog log = new SegmentLog(dir.resolve("log"))) {
            SegmentLoader loader = new SegmentLoader(log, store, Duration.ofHours(1), Long.MAX_VALUE);
            loader.start();
            log.append(events("a"));
            Thread.sleep(400);
            assertThat(ids(db)).isEmpty();
            loader.catchUp();
            assertThat(ids(db)).containsExactly("a");
            loader.close();
        }
    }

    @Test
    void aSegmentPastTheSizeLimitIsLoadedBeforeTheInterval() throws Exception {
        try (DuckDb db = DuckDb.open(dir.resolve("e.duckdb"), null); DuckDbEventStore store = new DuckDbEventStore(db);
             SegmentLog log = new SegmentLog(dir.resolve("log"))) {
            SegmentLoader loader = new SegmentLoader(log, store, Duration.ofHours(1), 1);
            loader.start();
            log.append(events("a"));
            long deadline = System.currentTimeMillis() + 10_000;
            while (ids(db).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ids(db)).containsExactly("a");
            loader.close();
        }
    }
}
