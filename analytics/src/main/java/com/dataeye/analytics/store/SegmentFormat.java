package com.dataeye.analytics.store;

import com.dataeye.core.event.Event;
import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.store.QuarantinedEvent;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.OutputStream;
import java.time.Instant;

/**
 * The one mapping from events, identity links and quarantined events to the store's columns: JSON
 * lines with the tables' column names and a kind {@code k} ({@code e}, {@code l}, {@code q}), which
 * DuckDB's JSON reader loads directly ({@link DuckDbEventStore#loadSegment}). The event log writes it;
 * a direct {@link DuckDbEventStore#commit} goes through it too, so the columns are mapped once.
 */
public final class SegmentFormat {

    // one record a line: no separator between root values but our own newline
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder().rootValueSeparator((String) null).build()).build();

    private SegmentFormat() {}

    /** Whether a batch holds records other than events (the loader then reads those tables too). */
    public static boolean holdsOtherRecords(CommitBatch batch) {
        return !batch.links().isEmpty() || !batch.quarantined().isEmpty();
    }

    public static void write(CommitBatch batch, OutputStream buffer) {
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            for (Event e : batch.events()) {
                writeEvent(g, e);
            }
            for (IdentityLink l : batch.links()) {
                g.writeStartObject();
                g.writeStringProperty("k", "l");
                g.writeStringProperty("project_id", l.projectId());
                g.writeStringProperty("distinct_id", l.distinctId());
                g.writeStringProperty("person_id", l.personId());
                g.writeNumberProperty("linked_at", micros(l.linkedAt()));
                g.writeEndObject();
                g.writeRaw('\n');
            }
            for (QuarantinedEvent q : batch.quarantined()) {
                g.writeStartObject();
                g.writeStringProperty("k", "q");
                g.writeStringProperty("project_id", q.projectId());
                g.writeNumberProperty("received_at", micros(q.receivedAt()));
                g.writeStringProperty("event_id", q.eventId());
                g.writeStringProperty("code", q.code());
                g.writeStringProperty("field", q.field());
                g.writeStringProperty("message", q.message());
                g.writeStringProperty("raw", q.raw());
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    private static void writeEvent(JsonGenerator g, Event e) {
        g.writeStartObject();
        g.writeStringProperty("k", "e");
        g.writeStringProperty("event_id", e.eventId());
        g.writeStringProperty("project_id", e.projectId());
        g.writeStringProperty("event", e.event());
        g.writeStringProperty("type", e.type().wireName());
        g.writeStringProperty("person_id", e.personId());
        g.writeStringProperty("distinct_id", e.distinctId());
        opt(g, "anonymous_id", e.anonymousId());
        opt(g, "login_id", e.loginId());
        g.writeNumberProperty("ts", micros(e.ts()));
        g.writeNumberProperty("received_at", micros(e.receivedAt()));
        opt(g, "lib", e.lib());
        opt(g, "lib_version", e.libVersion());
        opt(g, "url", e.page().url());
        opt(g, "path", e.page().path());
        opt(g, "title", e.page().title());
        opt(g, "referrer", e.page().referrer());
        Event.Acquisition a = e.acquisition();
        opt(g, "utm_source", a.utmSource());
        opt(g, "utm_medium", a.utmMedium());
        opt(g, "utm_campaign", a.utmCampaign());
        opt(g, "utm_content", a.utmContent());
        opt(g, "utm_term", a.utmTerm());
        opt(g, "channel", a.channel());
        Event.Device d = e.device();
        opt(g, "os", d.os());
        opt(g, "browser", d.browser());
        opt(g, "device_type", d.deviceType());
        opt(g, "screen", d.screen());
        opt(g, "ip", d.ip());
        opt(g, "element_selector", e.element().selector());
        opt(g, "element_path", e.element().path());
        opt(g, "element_text", e.element().text());
        opt(g, "order_id", e.commerce().orderId());
        opt(g, "product_id", e.commerce().productId());
        if (e.commerce().amount() != null) {
            g.writeNumberProperty("amount", e.commerce().amount());
        }
        if (e.properties() != null && !e.properties().isEmpty()) {
            g.writeName("properties");
            g.writePOJO(e.properties());
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void opt(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }

    public static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

}
