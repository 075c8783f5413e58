package com.dataeye.simulator;

import com.dataeye.simulator.truth.AnswerKey;
import com.dataeye.simulator.truth.AnswerKeyWriter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code java -jar dataeye-simulator-cli.jar --persons 1000000 --days 90 --seed 42 --out data/sim}
 *
 * <p>Writes {@code events.ndjson} and {@code answer-key.json} into the output directory, with progress
 * (percent done, events per second) on stderr.
 */
public final class SimulatorMain {

    static final String USAGE = """
            usage: simulator [--persons N] [--days N] [--seed N] [--start YYYY-MM-DD] [--flash-sale-day N|none]
                             [--out DIR] [--gzip]
              --persons         people visiting the shop (default %d; about ten events each)
              --days            length of the run in days (default %d)
              --seed            random seed; the same seed gives the same bytes (default %d)
              --start           first day, shop-local +08:00 (default %s)
              --flash-sale-day  day index of the flash sale (default: 11 November if in the run)
              --out             output directory (default data/sim)
              --gzip            write events.ndjson.gz instead of events.ndjson
            """.formatted(SimulationConfig.DEFAULT_PERSONS, SimulationConfig.DEFAULT_DAYS,
            SimulationConfig.DEFAULT_SEED, SimulationConfig.DEFAULT_START);

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(USAGE);
            return;
        }
        run(options, System.err);
    }

    static AnswerKey run(Options options, PrintStream log) {
        long started = System.nanoTime();
        ConsoleProgress progress = new ConsoleProgress(log, started);
        AnswerKey key = Simulation.runToDirectory(options.config(), options.out(), options.gzip(), progress);
        double seconds = (System.nanoTime() - started) / 1e9;
        log.printf(Locale.ROOT, "done: %,d events, %,d persons in %.1f s (%,.0f events/s) -> %s and %s%n",
                key.counts().events(), key.counts().persons(), seconds, key.counts().events() / seconds,
                options.out().resolve(options.gzip() ? "events.ndjson.gz" : "events.ndjson"),
                options.out().resolve(AnswerKeyWriter.FILE_NAME));
        return key;
    }

    /** Parsed command line. */
    record Options(SimulationConfig config, Path out, boolean gzip, boolean help) {

        static Options parse(String[] args) {
            SimulationConfig config = SimulationConfig.defaults();
            Path out = Path.of("data/sim");
            boolean gzip = false;
            String flashSale = null;
            LocalDate start = config.startDate();
            int days = config.days();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> {
                        return new Options(config, out, false, true);
                    }
                    case "--gzip" -> gzip = true;
                    case "--persons" -> config = config.withPersons(integer(arg, value(args, ++i, arg)));
                    case "--seed" -> config = config.withSeed(number(arg, value(args, ++i, arg)));
                    case "--days" -> days = integer(arg, value(args, ++i, arg));
                    case "--start" -> start = date(arg, value(args, ++i, arg));
                    case "--flash-sale-day" -> flashSale = value(args, ++i, arg);
                    case "--out" -> out = Path.of(value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            config = config.withCalendar(start, days);
            if (flashSale != null) {
                config = config.withFlashSaleDay("none".equals(flashSale) ? -1 : integer("--flash-sale-day", flashSale));
            }
            return new Options(config, out, gzip, false);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int integer(String option, String value) {
            return Math.toIntExact(number(option, value));
        }

        private static long number(String option, String value) {
            try {
                return Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a whole number, got " + value);
            }
        }

        private static LocalDate date(String option, String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " needs a date like 2026-08-26, got " + value);
            }
        }
    }

    /** Prints at most every two seconds: percent of persons done, events so far, and the event rate. */
    private static final class ConsoleProgress implements ProgressListener {
        private static final long INTERVAL_NANOS = 2_000_000_000L;
        private final PrintStream log;
        private final long started;
        private long lastPrinted;

        ConsoleProgress(PrintStream log, long started) {
            this.log = log;
            this.started = started;
            this.lastPrinted = started;
        }

        @Override
        public void progress(int personsDone, int personsTotal, long events) {
            long now = System.nanoTime();
            if (now - lastPrinted < INTERVAL_NANOS && personsDone < personsTotal) {
                return;
            }
            lastPrinted = now;
            double seconds = Math.max(1e-9, (now - started) / 1e9);
            log.printf(Locale.ROOT, "%5.1f%%  persons %,d/%,d  events %,d  %,.0f events/s%n",
                    100.0 * personsDone / personsTotal, personsDone, personsTotal, events, events / seconds);
        }
    }
}
