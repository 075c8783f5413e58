package com.dataeye.analytics.paths;

import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.store.CommitBatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On 11-01 (Shanghai): A view→cart→pay→view; B view, view again (collapsed), cart; C view, then search
 * an hour later (a new session: C's path ends); D home→view→favorite; E only carts; F view→search.
 */
class PathsRunnerTest {

    static DuckDb db;
    static PathsRunner runner;
    static int seq;

    private static Event e(String name, String person, String time) {
        return e(name, person, "2026-11-01", time);
    }

    private static Event e(String name, String person, String day, String time) {
        var ts = OffsetDateTime.parse(day + "T" + time + "+08:00").toInstant();
        return new Event("p" + (++seq), "shop", name, EventType.TRACK, person, person, person, null, ts, ts, null, null,
                new Event.Page(null, null, null, null), new Event.Acquisition(null, null, null, null, null, null),
                new Event.Device(null, null, null, null, null), new Event.Element(null, null, null), new Event.Commerce(null, null, null), Map.of());
    }

    @BeforeAll
    static void shop() {
        db = DuckDb.open(null, null);
        new DuckDbEventStore(db).commit(new CommitBatch(List.of(
                e("view", "A", "10:00:00"), e("cart", "A", "10:01:00"), e("pay", "A", "10:02:00"), e("view", "A", "10:03:00"),
                e("view", "B", "10:00:00"), e("view", "B", "10:00:30"), e("cart", "B", "10:05:00"),
                e("view", "C", "10:00:00"), e("search", "C", "11:00:00"),
                e("home", "D", "09:00:00"), e("view", "D", "10:00:00"), e("favorite", "D", "10:01:00"),
                e("cart", "E", "09:00:00"),
                e("view", "F", "10:00:00"), e("search", "F", "10:01:00"),
                // G views one product every 20 minutes for three hours (one collapsed step), then carts
                e("view", "G", "10:00:00"), e("view", "G", "10:20:00"), e("view", "G", "10:40:00"), e("view", "G", "11:00:00"),
                e("view", "G", "11:20:00"), e("view", "G", "11:40:00"), e("view", "G", "12:00:00"), e("view", "G", "12:20:00"),
                e("view", "G", "12:40:00"), e("view", "G", "13:00:00"), e("cart", "G", "13:10:00"), e("pay", "G", "13:15:00"),
                // on 11-02, H scrolls twelve times within minutes after the view (one collapsed step), then carts and pays
                e("view", "H", "2026-11-02", "10:00:00"), e("scroll", "H", "2026-11-02", "10:00:10"), e("scroll", "H", "2026-11-02", "10:00:20"),
                e("scroll", "H", "2026-11-02", "10:00:30"), e("scroll", "H", "2026-11-02", "10:00:40"), e("scroll", "H", "2026-11-02", "10:00:50"),
                e("scroll", "H", "2026-11-02", "10:01:00"), e("scroll", "H", "2026-11-02", "10:01:10"), e("scroll", "H", "2026-11-02", "10:01:20"),
                e("scroll", "H", "2026-11-02", "10:01:30"), e("scroll", "H", "2026-11-02", "10:01:40"), e("scroll", "H", "2026-11-02", "10:01:50"),
                e("scroll", "H", "2026-11-02", "10:02:00"), e("cart", "H", "2026-11-02", "10:03:00"), e("pay", "H", "2026-11-02", "10:04:00"),
                // on 11-03, J scrolls and goes home within minutes before its view (the predecessor: home), views
                // again (collapsed) and pays; K goes home just before its view, home again, views again, carts
                e("scroll", "J", "2026-11-03", "10:00:00"), e("scroll", "J", "2026-11-03", "10:01:00"), e("home", "J", "2026-11-03", "10:02:00"),
                e("view", "J", "2026-11-03", "10:03:00"), e("view", "J", "2026-11-03", "10:03:30"), e("pay", "J", "2026-11-03", "10:04:00"),
                e("home", "K", "2026-11-03", "09:59:00"), e("view", "K", "2026-11-03", "10:00:00"), e("home", "K", "2026-11-03", "10:00:10"),
                e("view", "K", "2026-11-03", "10:00:20"), e("cart", "K", "2026-11-03", "10:00:30"),
                // on 11-04, L's events arrive out of order (stored as sent): home, view, cart, pay by time
                e("pay", "L", "2026-11-04", "10:03:00"), e("cart", "L", "2026-11-04", "10:02:00"), e("view", "L", "2026-11-04", "10:01:00"),
                e("home", "L", "2026-11-04", "10:00:00")),
                List.of(), List.of()));
        runner = new PathsRunner(new QueryExecutor(db, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @SuppressWarnings("unchecked")
    private static PathsResult run(String json) {
        return runner.run("shop", ZoneId.of("Asia/Shanghai"), PathsQuery.from(JsonMapper.builder().build().readValue(json, Map.class)));
    }

    private static long node(PathsResult r, String id) {
        return r.nodes().stream().filter(n -> n.id().equals(id)).mapToLong(PathsResult.Node::persons).sum();
    }

    private static long link(PathsResult r, String from, String to) {
        return r.links().stream().filter(l -> l.source().equals(from) && l.target().equals(to)).mapToLong(PathsResult.Link::persons).sum();
    }

    @Test
    void followsEachPersonsFirstStartWithinTheSession() {
        PathsResult r = run("{\"start\":{\"event\":\"view\"},\"depth\":2,\"from\":\"2026-11-01\",\"to\":\"2026-11-01\"}");
        assertThat(node(r, "0:view")).isEqualTo(6);                    // A B C D F G
        assertThat(link(r, "0:view", "1:cart")).isEqualTo(3);          // A, B after its repeated view collapsed, G three hours on
        assertThat(link(r, "0:view", "1:favorite")).isEqualTo(1);      // D
        assertThat(link(r, "0:view", "1:search")).isEqualTo(1);        // F; C's search is another session
        assertThat(link(r, "0:view", "1:$end")).isEqualTo(1);          // C
        assertThat(link(r, "1:cart", "2:pay")).isEqualTo(2);            // A, G
        assertThat(link(r, "1:cart", "2:$end")).isEqualTo(1);
        assertThat(node(r, "2:pay")).isEqualTo(2);
    }

    @Test
    void capsDistinctEventsPerStepWithOther() {
        PathsResult r = run("{\"start\":{\"event\":\"view\"},\"depth\":1,\"max_nodes\":2,\"from\":\"2026-11-01\",\"to\":\"2026-11-01\"}");
        // step 1: cart 3, then favorite and search 1 each — the tie goes by name, search becomes $other
        assertThat(link(r, "0:view", "1:cart")).isEqualTo(3);
        assertThat(link(r, "0:view", "1:favorite")).isEqualTo(1);
        assertThat(link(r, "0:view", "1:$other")).isEqualTo(1);
        assertThat(link(r, "0:view", "1:search")).isZero();
    }

    @Test
    void startsAfterTheEventsThatLedToTheStart() {
        PathsResult r = run("{\"start\":{\"event\":\"view\"},\"depth\":3,\"from\":\"2026-11-03\",\"to\":\"2026-11-03\"}");
        assertThat(node(r, "0:view")).isEqualTo(2);                    // J K
        assertThat(link(r, "0:view", "1:pay")).isEqualTo(1);           // J: the second view collapsed into the first
        assertThat(link(r, "1:pay", "2:$end")).isEqualTo(1);
        assertThat(link(r, "0:view", "1:home")).isEqualTo(1);          // K: view, home, view again, cart
        assertThat(link(r, "1:home", "2:view")).isEqualTo(1);
        assertThat(link(r, "2:view", "3:cart")).isEqualTo(1);
    }

    @Test
    void ordersEventsByTimeNotByArrival() {
        PathsResult r = run("{\"start\":{\"event\":\"view\"},\"depth\":3,\"from\":\"2026-11-04\",\"to\":\"2026-11-04\"}");
        assertThat(link(r, "0:view", "1:cart")).isEqualTo(1);
        assertThat(link(r, "1:cart", "2:pay")).isEqualTo(1);
        assertThat(link(r, "2:pay", "3:$end")).isEqualTo(1);
        PathsResult before = run("{\"start\":{\"event\":\"pay\"},\"direction\":\"before\",\"depth\":3,\"from\":\"2026-11-04\",\"to\":\"2026-11-04\"}");
        assertThat(link(before, "0:pay", "1:cart")).isEqualTo(1);
        assertThat(link(before, "1:cart", "2:view")).isEqualTo(1);
        assertThat(link(before, "2:view", "3:home")).isEqualTo(1);
    }

    @Test
    void walksBackwardsBeforeAnEvent() {
        PathsResult r = run("{\"start\":{\"event\":\"cart\"},\"direction\":\"before\",\"depth\":1,\"from\":\"2026-11-01\",\"to\":\"2026-11-01\"}");
        assertThat(node(r, "0:cart")).isEqualTo(4);                    // A B E G
        assertThat(link(r, "0:cart", "1:view")).isEqualTo(3);          // A, B, G
        assertThat(link(r, "0:cart", "1:$end")).isEqualTo(1);          // E had nothing before
    }

    @Test
    void followsAPathPastManyRepeatsOfOneEvent() {
        PathsResult r = run("{\"start\":{\"event\":\"view\"},\"depth\":3,\"from\":\"2026-11-02\",\"to\":\"2026-11-02\"}");
        assertThat(link(r, "0:view", "1:scroll")).isEqualTo(1);
        assertThat(link(r, "1:scroll", "2:cart")).isEqualTo(1);        // twelve scrolls are one step
        assertThat(link(r, "2:cart", "3:pay")).isEqualTo(1);
    }
}
