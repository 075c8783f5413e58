package com.dataeye.simulator;

import com.dataeye.simulator.truth.PlantedTruths;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * One run of the demo shop. Same config, same events, byte for byte.
 *
 * @param seed         every random decision derives from it
 * @param persons      people who visit during the run (about ten events each with the defaults)
 * @param days         length of the run; the first visits are spread over all of it
 * @param startDate    first day, shop-local (+08:00)
 * @param flashSaleDay day index of the flash sale (a traffic spike at 20:00 and half-price items), or -1
 * @param truths       the planted patterns
 */
public record SimulationConfig(long seed, int persons, int days, LocalDate startDate, int flashSaleDay,
                               PlantedTruths truths) {

    /** The default run ends 2026-11-23, and its flash sale is Singles' Day, 2026-11-11 (双11). */
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 8, 26);
    public static final int DEFAULT_DAYS = 90;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_PERSONS = 10_000;

    public SimulationConfig {
        if (persons < 1) {
            throw new IllegalArgumentException("persons must be at least 1");
        }
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days must be between 1 and 366 (the collector takes events up to 400 days old)");
        }
        if (flashSaleDay >= days || flashSaleDay < -1) {
            throw new IllegalArgumentException("flashSaleDay must be a day index of the run, or -1 for none");
        }
        if (startDate == null || truths == null) {
            throw new IllegalArgumentException("startDate and truths are required");
        }
    }

    public static SimulationConfig defaults() {
        return new SimulationConfig(DEFAULT_SEED, DEFAULT_PERSONS, DEFAULT_DAYS, DEFAULT_START,
                singlesDayIndex(DEFAULT_START, DEFAULT_DAYS), PlantedTruths.defaults());
    }

    public SimulationConfig withSeed(long newSeed) {
        return new SimulationConfig(newSeed, persons, days, startDate, flashSaleDay, truths);
    }

    public SimulationConfig withPersons(int newPersons) {
        return new SimulationConfig(seed, newPersons, days, startDate, flashSaleDay, truths);
    }

    /** Changes the calendar; the flash sale moves to 11 November if the run covers it, else to none. */
    public SimulationConfig withCalendar(LocalDate newStart, int newDays) {
        return new SimulationConfig(seed, persons, newDays, newStart, singlesDayIndex(newStart, newDays), truths);
    }

    public SimulationConfig withFlashSaleDay(int day) {
        return new SimulationConfig(seed, persons, days, startDate, day, truths);
    }

    public SimulationConfig withTruths(PlantedTruths newTruths) {
        return new SimulationConfig(seed, persons, days, startDate, flashSaleDay, newTruths);
    }

    public LocalDate endDate() {
        return startDate.plusDays(days - 1L);
    }

    /** Day index of the first 11 November in the run, or -1. */
    static int singlesDayIndex(LocalDate start, int days) {
        LocalDate singlesDay = LocalDate.of(start.getYear(), 11, 11);
        if (singlesDay.isBefore(start)) {
            singlesDay = singlesDay.plusYears(1);
        }
        long index = ChronoUnit.DAYS.between(start, singlesDay);
        return index < days ? (int) index : -1;
    }
}
