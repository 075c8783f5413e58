package com.dataeye.analytics.query;

import java.util.List;
import java.util.Locale;

/**
 * One condition on a property. Operators: {@code eq}, {@code neq}, {@code in}, {@code not_in},
 * {@code contains}, {@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code between} (inclusive),
 * {@code is_set}, {@code is_not_set}. Values are always bound parameters.
 */
public record Filter(Property property, Op op, List<Object> values) {

    public enum Op { EQ, NEQ, IN, NOT_IN, CONTAINS, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET }

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
        return new Filter(p, o, values);
    }

    /** The condition as SQL, its parameters appended to {@code args} in order. */
    public String toSql(List<Object> args) {
        String text = property.textSql();
        String number = property.numberSql();
        switch (op) {
            case IS_SET -> {
                property.bind(args);
                return text + " IS NOT NULL";
            }
            case IS_NOT_SET -> {
                property.bind(args);
                return text + " IS NULL";
            }
            case CONTAINS -> {
                property.bind(args);
                args.add(String.valueOf(values.get(0)));
                return "contains(" + text + ", ?)";
            }
            case EQ, NEQ, IN, NOT_IN -> {
                property.bind(args);
                StringBuilder in = new StringBuilder();
                for (Object v : values) {
                    in.append(in.length() == 0 ? "?" : ", ?");
                    args.add(String.valueOf(v));
                }
                boolean negate = op == Op.NEQ || op == Op.NOT_IN;
                return (negate ? "coalesce(" + text + " NOT IN (" : text + " IN (") + in + (negate ? "), true)" : ")");
            }
            case BETWEEN -> {
                property.bind(args);
                args.add(((Number) values.get(0)).doubleValue());
                args.add(((Number) values.get(1)).doubleValue());
                return number + " BETWEEN ? AND ?";
            }
            default -> {
                property.bind(args);
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
