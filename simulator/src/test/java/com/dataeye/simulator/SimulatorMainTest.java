package com.dataeye.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorMainTest {

    @Test
    void readsTheIssuesCommandLine() {
        SimulatorMain.Options options = SimulatorMain.Options.parse(
                "--persons 1000000 --days 90 --seed 42 --out data/sim".split(" "));

        assertThat(options.config().persons()).isEqualTo(1_000_000);
        assertThat(options.config().days()).isEqualTo(90);
        assertThat(options.config().seed()).isEqualTo(42);
        assertThat(options.out()).isEqualTo(Path.of("data/sim"));
        assertThat(options.gzip()).isFalse();
    }

    @Test
    void movesTheFlashSaleWithTheCalendarUnlessToldOtherwise() {
        var autumn = SimulatorMain.Options.parse("--start 2027-10-01 --days 60".split(" ")).config();
        var noSale = SimulatorMain.Options.parse("--start 2027-10-01 --days 60 --flash-sale-day none".split(" ")).config();

        assertThat(autumn.startDate().plusDays(autumn.flashSaleDay())).isEqualTo(LocalDate.of(2027, 11, 11));
        assertThat(noSale.flashSaleDay()).isEqualTo(-1);
    }

    @Test
    void refusesUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> SimulatorMain.Options.parse(new String[] {"--people", "5"}))
                .hasMessageContaining("unknown option --people");
        assertThatThrownBy(() -> SimulatorMain.Options.parse(new String[] {"--persons"}))
                .hasMessageContaining("--persons needs a value");
        assertThatThrownBy(() -> SimulatorMain.Options.parse(new String[] {"--start", "yesterday"}))
                .hasMessageContaining("--start");
    }

    @Test
    void writesEventsAndAnswerKeyAndReportsProgress(@TempDir Path out) throws Exception {
        var options = SimulatorMain.Options.parse(new String[] {"--persons", "300", "--gzip", "--out", out.toString()});
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        SimulatorMain.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(out.resolve("events.ndjson.gz")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("answer-key.json"))).contains("\"persons\" : 300");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("100.0%").contains("events/s").contains("done:");
    }
}
