package com.dataeye.simulator;

import com.dataeye.simulator.behaviour.PersonSimulator;
import com.dataeye.simulator.catalog.Catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationDeterminismTest {

    private final SimulationConfig config = SimulationConfig.defaults().withPersons(800).withSeed(2026);

    @Test
    void sameSeedWritesByteIdenticalEventsAndAnswerKey(@TempDir Path first, @TempDir Path second) throws Exception {
        Simulation.runToDirectory(config, first, false, ProgressListener.NONE);
        Simulation.runToDirectory(config, second, false, ProgressListener.NONE);

        assertThat(Files.mismatch(first.resolve("events.ndjson"), second.resolve("events.ndjson"))).isEqualTo(-1);
        assertThat(Files.mismatch(first.resolve("answer-key.json"), second.resolve("answer-key.json"))).isEqualTo(-1);
        assertThat(Files.size(first.resolve("events.ndjson"))).isGreaterThan(1_000_000);
    }

    @Test
    void anotherSeedMakesAnotherShop(@TempDir Path first, @TempDir Path second) throws Exception {
        Simulation.runToDirectory(config, first, false, ProgressListener.NONE);
        Simulation.runToDirectory(config.withSeed(2027), second, false, ProgressListener.NONE);

        assertThat(Files.mismatch(first.resolve("events.ndjson"), second.resolve("events.ndjson"))).isNotEqualTo(-1);
    }

    @Test
    void aPersonIsTheSameWhetherSimulatedAloneOrAfterOthers() {
        Catalog catalog = Catalog.generate(config.seed(), config.days());
        PersonSimulator inOrder = new PersonSimulator(config, catalog);
        for (int i = 0; i < 40; i++) {
            inOrder.simulate(i);
        }
        var afterOthers = inOrder.simulate(40);
        var alone = new PersonSimulator(config, catalog).simulate(40);

        assertThat(alone.events()).isEqualTo(afterOthers.events());
        assertThat(alone.person()).isEqualTo(afterOthers.person());
    }
}
