package com.dataeye.simulator;

import com.dataeye.simulator.behaviour.PersonRun;
import com.dataeye.simulator.behaviour.PersonSimulator;
import com.dataeye.simulator.catalog.Catalog;
import com.dataeye.simulator.catalog.CatalogFeed;
import com.dataeye.simulator.output.EventSink;
import com.dataeye.simulator.output.NdjsonFileSink;
import com.dataeye.simulator.output.ShopTime;
import com.dataeye.simulator.output.SimulatedEvent;
import com.dataeye.simulator.truth.AnswerKey;
import com.dataeye.simulator.truth.AnswerKeyBuilder;
import com.dataeye.simulator.truth.AnswerKeyWriter;

import java.nio.file.Path;
import java.util.List;

/**
 * The demo shop in one call.
 *
 * <pre>{@code
 * SimulationConfig config = SimulationConfig.defaults().withPersons(5_000).withSeed(7);
 * try (EventSink sink = new NdjsonFileSink(Path.of("data/sim/events.ndjson"), false)) {
 *     AnswerKey key = Simulation.run(config, sink);
 * }
 * // or, events file and answer-key.json side by side:
 * AnswerKey key = Simulation.runToDirectory(config, Path.of("data/sim"), false, ProgressListener.NONE);
 * }</pre>
 *
 * Events stream out as they are made: first the catalogue ({@code item_set}), then person after person,
 * each person's events in time order. The file is therefore ordered by person, not globally by time.
 */
public final class Simulation {

    private static final int PROGRESS_EVERY = 1_000;

    private Simulation() {
    }

    /** Streams the run's events into {@code sink} (which the caller closes) and returns the answer key. */
    public static AnswerKey run(SimulationConfig config, EventSink sink) {
        return run(config, sink, ProgressListener.NONE);
    }

    public static AnswerKey run(SimulationConfig config, EventSink sink, ProgressListener progress) {
        Catalog catalog = Catalog.generate(config.seed(), config.days());
        AnswerKeyBuilder key = new AnswerKeyBuilder(config.truths(), config.startDate(), config.days());
        long runStart = ShopTime.startOfDay(config.startDate());
        List<SimulatedEvent> feed = CatalogFeed.events(catalog, config.seed(), day -> runStart + day * ShopTime.DAY_MILLIS);
        feed.forEach(sink::accept);
        key.addUnattributed(feed);
        PersonSimulator persons = new PersonSimulator(config, catalog);
        for (int i = 0; i < config.persons(); i++) {
            PersonRun run = persons.simulate(i);
            run.events().forEach(sink::accept);
            key.addPerson(run.person().channel(), run.events());
            if ((i + 1) % PROGRESS_EVERY == 0) {
                progress.progress(i + 1, config.persons(), key.events());
            }
        }
        progress.progress(config.persons(), config.persons(), key.events());
        return key.build(describe(config));
    }

    /** Writes {@code events.ndjson} (or {@code .ndjson.gz}) and {@code answer-key.json} into {@code directory}. */
    public static AnswerKey runToDirectory(SimulationConfig config, Path directory, boolean gzip, ProgressListener progress) {
        AnswerKey key;
        try (NdjsonFileSink sink = new NdjsonFileSink(NdjsonFileSink.fileIn(directory, gzip), gzip)) {
            key = run(config, sink, progress);
        }
        AnswerKeyWriter.write(key, directory);
        return key;
    }

    private static AnswerKey.Run describe(SimulationConfig config) {
        String flashSale = config.flashSaleDay() < 0 ? null : config.startDate().plusDays(config.flashSaleDay()).toString();
        return new AnswerKey.Run(config.seed(), config.persons(), config.days(), config.startDate().toString(),
                config.endDate().toString(), flashSale, ShopTime.OFFSET.getId(),
                "catalogue item_set first, then person by person; each person's events in time order");
    }
}
