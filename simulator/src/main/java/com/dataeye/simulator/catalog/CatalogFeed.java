package com.dataeye.simulator.catalog;

import com.dataeye.core.event.EventType;
import com.dataeye.simulator.output.SimulatedEvent;
import com.dataeye.simulator.population.Ids;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * The catalogue as the shop's backend would sync it: one {@code item_set} per product at the start of the
 * run, and another when a product ships a new version (V2.4 → V2.5). The collector needs an id on every
 * record, so these carry {@code distinct_id: "catalog"}, which no person uses.
 */
public final class CatalogFeed {

    public static final String DISTINCT_ID = "catalog";
    private static final long TEN_AM = 10 * 3_600_000L;

    private CatalogFeed() {
    }

    /** Catalogue events in time order; {@code dayStart} gives the epoch millisecond a day index begins. */
    public static List<SimulatedEvent> events(Catalog catalog, long seed, IntToLongFunction dayStart) {
        List<SimulatedEvent> events = new ArrayList<>();
        int sequence = 0;
        for (Product p : catalog.products()) {
            events.add(itemSet(seed, sequence++, p, dayStart.applyAsLong(0), p.version()));
        }
        for (Product p : catalog.products()) {
            if (p.isUpdatedDuringRun()) {
                events.add(itemSet(seed, sequence++, p, dayStart.applyAsLong(p.updateDay()) + TEN_AM, p.updatedVersion()));
            }
        }
        events.sort(Comparator.comparingLong(SimulatedEvent::timestamp));
        return events;
    }

    private static SimulatedEvent itemSet(long seed, int sequence, Product p, long at, String version) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("$lib", SimulatedEvent.SERVER_LIB);
        props.put("$lib_version", SimulatedEvent.SERVER_LIB_VERSION);
        props.put("name", p.name());
        props.put("category", p.category().slug());
        props.put("category_name", p.category().chineseName());
        props.put("price", BigDecimal.valueOf(p.priceCents(), 2));
        if (version != null) {
            props.put("version", version);
        }
        props.put("flash_sale", p.flashSale());
        return new SimulatedEvent(EventType.ITEM_SET, null, Ids.catalogEventId(seed, sequence), null, null,
                DISTINCT_ID, p.id(), at, props);
    }
}
