package com.dataeye.analytics.query;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Whole days, both ends included, in the project's time zone. */
public record DateRange(LocalDate from, LocalDate to) {

    public static final int MAX_DAYS = 3660;

    public static DateRange of(Object from, Object to, String path) {
        LocalDate f = date(from, path + ".from");
        LocalDate t = date(to, path + ".to");
        if (f.isAfter(t)) {
            throw new InvalidQueryException(path + ".from", "from must not be after to");
        }
        if (ChronoUnit.DAYS.between(f, t) >= MAX_DAYS) {
            throw new InvalidQueryException(path + ".to", "at most " + MAX_DAYS + " days");
        }
        return new DateRange(f, t);
    }

    private static LocalDate date(Object value, String path) {
        if (!(value instanceof String s)) {
            throw new InvalidQueryException(path, "a date like 2026-11-25 is required");
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(path, "'" + s + "' is not a date like 2026-11-25");
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The same number of days just before this range. */
    public DateRange previous() {
        return new DateRange(from.minusDays(days()), from.minusDays(1));
    }

    public java.time.OffsetDateTime start(ZoneId zone) {
        return from.atStartOfDay(zone).toOffsetDateTime();
    }

    public java.time.OffsetDateTime end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    }
}
