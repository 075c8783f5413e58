package com.dataeye.analytics.query;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One condition in an analysis. On an event property ({@code "on": "event"}, the default) it tests the
 * event itself; on a person property ({@code "on": "person"}) it keeps the events of the persons whose
 * current profile matches ({@link PersonPropertySet}). Operators: {@code eq}, {@code neq}, {@code in},
 * {@code not_in}, {@code contains}, {@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code between}
 * (inclusive), {@code is_set}, {@code is_not_set}. Values are always bound parameters.
 *
 * <p>Person-side conditions all take one shape: the event's person is (or, for the negative operators,
 * is not) in a {@link PersonSet}. That is the extension point for other person conditions, such as
 * "person is in segment S": a new {@code "on"} value parsed in {@link #of(Map, String)} that builds its
 * own {@link PersonSet}; every analysis applies it without further change.
 *
 * @param persons the person set for a person-side condition, null for an event condition
 * @param negated for a person-side condition: keep the persons not in the set
 */
public record Filter(Property property, Op op, List<Object> values, PersonSet persons, boolean negated) {

    public enum Op { EQ, NEQ, IN, NOT_IN, CONTAINS, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET }

    /** A filter as it comes from JSON: {@code {"property", "op", "value", "on"}}. */
    public static Filter of(Map<?, ?> f, String path) {
        Object on = f.get("on");
        Filter event = of(String.valueOf(f.get("property")), String.valueOf(f.get("op")), f.get("value"), path);
        if (on == null || "event".equals(on)) {
            return event;
        }
        if ("person".equals(on)) {
            // the set holds the persons matching the positive form; neq, not_in and is_not_set keep the others
            Op positive = switch (event.op) {
                case NEQ -> Op.EQ;
                case NOT_IN -> Op.IN;
                case IS_NOT_SET -> Op.IS_SET;
                default -> event.op;
            };
            Filter condition = new Filter(event.property, positive, event.values, null, false);
            return new Filter(event.property, event.op, event.values, new PersonPropertySet(event.property.name(), condition),
                    positive != event.op);
        }
        throw new InvalidQueryException(path + ".on", "'" + on + "' is not what a filter applies to: event or person");
    }

    public static Filter of(String property, String op, Object value, String path) {
        Property p = Property.of(property, path + ".property");
        Op o;
        try {
            o = Op.valueOf(String.valueOf(op).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(path + ".op", "'" + op + "' is not an operator: eq, neq, in, not_in, contains, gt, gte, "
                    + "lt, lte, between, is_set, is_not_set");
        }
        List<Object> values = value instanceof List<?> l ? List.copyOf(l) : value == null ? List.of() : List.of(value);
        int needed = switch (o) {
            case IS_SET, IS_NOT_SET -> 0;
            case BETWEEN -> 2;
            case IN, NOT_IN -> -1;
            default -> 1;
        };
        if ((needed >= 0 && values.size() != needed) || (needed < 0 && values.isEmpty()) || values.size() > 1000) {
            throw new InvalidQueryException(path + ".value", o.name().toLowerCase(Locale.ROOT)
                    + (needed == 0 ? " takes no value" : needed == 2 ? " takes [low, high]" : needed < 0 ? " takes a list of 1–1000 values" : " takes one value"));
        }
        boolean numeric = o == Op.GT || o == Op.GTE || o == Op.LT || o == Op.LTE || o == Op.BETWEEN;
        for (Object v : values) {
            if (v instanceof java.util.Map || v instanceof List) {
                throw new InvalidQueryException(path + ".value", "values are strings, numbers or booleans");
            }
            if (numeric && !(v instanceof Number)) {
                throw new InvalidQueryException(path + ".value", o.name().toLowerCase(Locale.ROOT) + " compares numbers");
            }
        }
        return new Filter(p, o, values, null, false);
    }

    /** The condition on an event row as SQL, its parameters appended to {@code args} in order. */
    public String toSql(List<Object> args) {
        if (persons != null) {
            return "(project_id, person_id) " + (negated ? "NOT IN" : "IN") + " (" + persons.sql(args) + ")";
        }
        property.bind(args);
        return conditionSql(property.textSql(), property.numberSql(), args);
    }

    /**
     * The operator applied to a value given as text and as number (one of the two is used, once);
     * the caller has bound the expressions' own parameters.
     */
    String conditionSql(String text, String number, List<Object> args) {
        switch (op) {
            case IS_SET -> {
                return text + " IS NOT NULL";
            }
            case IS_NOT_SET -> {
                return text + " IS NULL";
            }
            case CONTAINS -> {
                args.add(String.valueOf(values.get(0)));
                return "contains(" + text + ", ?)";
            }
            case EQ, NEQ, IN, NOT_IN -> {
                StringBuilder in = new StringBuilder();
                for (Object v : values) {
                    in.append(in.length() == 0 ? "?" : ", ?");
                    args.add(String.valueOf(v));
                }
                boolean negate = op == Op.NEQ || op == Op.NOT_IN;
                return (negate ? "coalesce(" + text + " NOT IN (" : text + " IN (") + in + (negate ? "), true)" : ")");
            }
            case BETWEEN -> {
                args.add(((Number) values.get(0)).doubleValue());
                args.add(((Number) values.get(1)).doubleValue());
                return number + " BETWEEN ? AND ?";
            }
            default -> {
                args.add(((Number) values.get(0)).doubleValue());
                String cmp = switch (op) {
                    case GT -> ">";
                    case GTE -> ">=";
                    case LT -> "<";
                    default -> "<=";
                };
                return number + " " + cmp + " ?";
            }
        }
    }
}
