package com.dataeye.simulator.live;

import com.dataeye.core.event.EventType;
import com.dataeye.simulator.SimulationConfig;
import com.dataeye.simulator.behaviour.PersonSimulator;
import com.dataeye.simulator.catalog.Catalog;
import com.dataeye.simulator.output.SimulatedEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The simulated shop as a live stream, for the real-time board, the demo mode and load tests: new
 * visitors keep arriving, a few at a time, each behaving as in the history (same catalogue, same
 * planted truths), and each event is stamped with the clock's time when it is taken. Events of the
 * visitors in progress are interleaved, as on a real site.
 *
 * <p>Event and device ids carry a run id (the clock's time at the start), so restarting a live
 * sender never repeats an id the store has already seen. Endless; not thread-safe.
 */
public final class LiveTraffic implements Iterator<SimulatedEvent> {

    /** Visitors whose events are interleaved at any moment. */
    private static final int CONCURRENT_VISITORS = 8;

    private final SimulationConfig config;
    private final Catalog catalog;
    private final LongSupplier clock;
    private PersonSimulator persons;
    private String runId;
    private final List<ArrayDeque<SimulatedEvent>> visitors = new ArrayList<>();
    private int nextPerson;
    private int turn;

    /**
     * @param config the shop (its seed picks the catalogue, so live visitors buy the history's products)
     * @param clock  epoch milliseconds, e.g. {@code System::currentTimeMillis}
     */
    public LiveTraffic(SimulationConfig config, LongSupplier clock) {
        this.config = config;
        this.catalog = Catalog.generate(config.seed(), config.days());
        this.clock = clock;
        newGeneration();
    }

    /** Visitors differ from the history's persons and from every earlier live run or generation. */
    private void newGeneration() {
        long start = clock.getAsLong();
        persons = new PersonSimulator(config.withSeed(config.seed() ^ start), catalog);
        runId = "live" + Long.toString(start, 36);
        nextPerson = 0;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public SimulatedEvent next() {
        while (visitors.size() < CONCURRENT_VISITORS) {
            if (nextPerson == config.persons()) {
                newGeneration();
            }
            String prefix = runId + "-";
            List<SimulatedEvent> events = persons.simulate(nextPerson++).events();
            ArrayDeque<SimulatedEvent> visitor = new ArrayDeque<>(events.size());
            events.forEach(e -> visitor.add(relabel(e, prefix)));
            visitors.add(visitor);
        }
        turn = (turn + 1) % visitors.size();
        ArrayDeque<SimulatedEvent> visitor = visitors.get(turn);
        SimulatedEvent e = visitor.poll();
        if (visitor.isEmpty()) {
            visitors.remove(turn);
        }
        return e.at(clock.getAsLong());
    }

    private static SimulatedEvent relabel(SimulatedEvent e, String prefix) {
        return new SimulatedEvent(e.type(), e.event(), prefix + e.eventId(), live(prefix, e.anonymousId()), live(prefix, e.loginId()),
                e.type() == EventType.ITEM_SET ? e.distinctId() : live(prefix, e.distinctId()), e.itemId(), e.timestamp(), e.properties());
    }

    private static String live(String prefix, String id) {
        return id == null ? null : prefix + id;
    }
}
