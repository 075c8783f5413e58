package com.dataeye.analytics.trend;

import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.Property;

import java.util.List;
import java.util.Locale;

/**
 * What a trend counts: events, distinct persons (after identity merge), events per person, or the
 * sum / average / min / max / 50th, 90th, 99th percentile of a numeric property.
 */
public record Measure(Kind kind, Property property) {

    public enum Kind { COUNT, PERSONS, PER_PERSON, SUM, AVG, MIN, MAX, P50, P90, P99 }

    public static Measure of(Object type, Object property, String path) {
        Kind k;
        try {
            k = type == null ? Kind.COUNT : Kind.valueOf(type.toString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(path + ".type", "'" + type + "' is not a measure: count, persons, per_person, sum, avg, "
                    + "min, max, p50, p90, p99");
        }
        boolean needsProperty = k.ordinal() >= Kind.SUM.ordinal();
        if (needsProperty && property == null) {
            throw new InvalidQueryException(path + ".property", k.name().toLowerCase(Locale.ROOT) + " needs a numeric property");
        }
        return new Measure(k, needsProperty ? Property.of(String.valueOf(property), path + ".property") : null);
    }

    /** The value expression over the base rows (column {@code v} holds the property's number). */
    String aggregateSql() {
        return switch (kind) {
            case COUNT -> "count(*)";
            case PERSONS -> "count(DISTINCT person_id)";
            case PER_PERSON -> "count(*) / count(DISTINCT person_id)";
            case SUM -> "sum(v)";
            case AVG -> "avg(v)";
            case MIN -> "min(v)";
            case MAX -> "max(v)";
            case P50 -> "quantile_cont(v, 0.5)";
            case P90 -> "quantile_cont(v, 0.9)";
            case P99 -> "quantile_cont(v, 0.99)";
        };
    }

    /** The expression for column {@code v} of the base rows, its parameters appended to {@code args}. */
    String valueSql(List<Object> args) {
        if (property == null) {
            return "NULL";
        }
        property.bind(args);
        return property.numberSql();
    }
}
