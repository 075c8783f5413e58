package com.dataeye.analytics.segments;

import com.dataeye.analytics.query.DateRange;
import com.dataeye.analytics.query.InvalidQueryException;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * When a condition looks: {@code {"last_days": 30}} (the 30 days ending on the evaluation day),
 * {@code {"from": "2026-11-01", "to": "2026-11-11"}}, or absent (all history up to the evaluation day).
 */
public record Period(Integer lastDays, DateRange range) {

    public static final Period ALL = new Period(null, null);

    static Period parse(Object json, String path) {
        if (json == null) {
            return ALL;
        }
        if (!(json instanceof Map<?, ?> m)) {
            throw new InvalidQueryException(path, "period is {\"last_days\": 30} or {\"from\": date, \"to\": date}");
        }
        Json.strict(m, List.of("last_days", "from", "to"), path);
        if (m.get("last_days") != null) {
            if (m.size() > 1) {
                throw new InvalidQueryException(path, "give last_days or from/to, not both");
            }
            if (!(m.get("last_days") instanceof Integer n) || n < 1 || n > DateRange.MAX_DAYS) {
                throw new InvalidQueryException(path + ".last_days", "last_days is a whole number 1–" + DateRange.MAX_DAYS);
            }
            return new Period(n, null);
        }
        return new Period(null, DateRange.of(m.get("from"), m.get("to"), path));
    }

    boolean all() {
        return lastDays == null && range == null;
    }

    /** {@code ts >= ? AND ts < ?}, or {@code true} for all history (the evaluation day's end bounds every scan). */
    String sql(ZoneId zone, LocalDate asOf, List<Object> args) {
        if (all()) {
            return "true";
        }
        LocalDate from = lastDays != null ? asOf.minusDays(lastDays - 1L) : range.from();
        LocalDate to = lastDays != null ? asOf : range.to();
        args.add(from.atStartOfDay(zone).toOffsetDateTime());
        args.add(to.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        return "ts >= ? AND ts < ?";
    }

    String words() {
        return lastDays != null ? " in the last " + lastDays + " days" : range != null ? " from " + range.from() + " to " + range.to() : "";
    }
}
