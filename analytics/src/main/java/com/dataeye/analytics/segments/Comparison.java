package com.dataeye.analytics.segments;

import com.dataeye.analytics.query.InvalidQueryException;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code {"op": "gte", "value": 2}} or {@code {"op": "between", "value": [1, 5]}}: a test on a per-person number. */
public record Comparison(Op op, double low, double high) {

    public enum Op { EQ, NEQ, GT, GTE, LT, LTE, BETWEEN }

    static Comparison parse(Object json, String path) {
        if (!(json instanceof Map<?, ?> m)) {
            throw new InvalidQueryException(path, "a comparison is {\"op\": \"gte\", \"value\": 2}; ops: eq, neq, gt, gte, lt, lte, between");
        }
        Json.strict(m, List.of("op", "value"), path);
        Op op;
        try {
            op = Op.valueOf(String.valueOf(m.get("op")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(path + ".op", "'" + m.get("op") + "' is not an operator: eq, neq, gt, gte, lt, lte, between");
        }
        Object v = m.get("value");
        if (op == Op.BETWEEN) {
            if (!(v instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Number a) || !(l.get(1) instanceof Number b)
                    || a.doubleValue() > b.doubleValue()) {
                throw new InvalidQueryException(path + ".value", "between takes [low, high], two numbers, low ≤ high");
            }
            return new Comparison(op, a.doubleValue(), b.doubleValue());
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new InvalidQueryException(path + ".value", "value is a number");
        }
        return new Comparison(op, n.doubleValue(), n.doubleValue());
    }

    /** {@code expr op ?}, its values appended to {@code args}. */
    String sql(String expr, List<Object> args) {
        args.add(low);
        if (op == Op.BETWEEN) {
            args.add(high);
            return expr + " BETWEEN ? AND ?";
        }
        String cmp = switch (op) {
            case EQ -> "=";
            case NEQ -> "<>";
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            default -> "<=";
        };
        return expr + " " + cmp + " ?";
    }

    private static Object num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : d;
    }

    @Override
    public String toString() {
        String name = op.name().toLowerCase(Locale.ROOT);
        return op == Op.BETWEEN ? "between " + num(low) + " and " + num(high) : name + " " + num(low);
    }
}
