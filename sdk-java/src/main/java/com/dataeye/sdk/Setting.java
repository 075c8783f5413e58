package com.dataeye.sdk;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One configuration setting, declared once with everything known about it — name, type, default,
 * the rule a value must follow and what it is for — so that validation, loading from properties
 * and the reference table in the README all come from the same place (as Kafka's {@code ConfigDef}).
 * The declarations are the constants of {@link DataEyeConfig}.
 *
 * @param name         the key in a properties file, e.g. {@code max.batch.events}
 * @param type         the value's Java type
 * @param defaultValue the value when none is given; {@code null} makes the setting required
 * @param rule         the rule in words, shown when a value breaks it
 * @param valid        the rule as code
 * @param parser       reads the value from a string (properties files, environment)
 * @param doc          what the setting is for
 */
public record Setting<T>(String name, Class<T> type, T defaultValue, String rule, Predicate<T> valid,
                         Function<String, T> parser, String doc) {

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(valid, "valid");
        Objects.requireNonNull(parser, "parser");
    }

    public boolean required() {
        return defaultValue == null;
    }

    /** {@code value} if it has the right type and follows the rule; otherwise an exception that says which rule. */
    public T check(Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required: " + doc);
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(name + " must be a " + type.getSimpleName() + ", got " + value.getClass().getSimpleName());
        }
        T typed = type.cast(value);
        if (!valid.test(typed)) {
            throw new IllegalArgumentException(name + " must be " + rule + ", got " + value);
        }
        return typed;
    }

    /** Reads and checks a value given as text. */
    public T parse(String text) {
        T value;
        try {
            value = parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be " + rule + ", got '" + text + "'", e);
        }
        return check(value);
    }

    static Setting<Integer> integer(String name, Integer defaultValue, int min, int max, String doc) {
        return new Setting<>(name, Integer.class, defaultValue, "between " + min + " and " + max,
                v -> v >= min && v <= max, Integer::valueOf, doc);
    }

    static Setting<Long> millis(String name, Long defaultValue, long min, long max, String doc) {
        return new Setting<>(name, Long.class, defaultValue, "between " + min + " and " + max + " ms",
                v -> v >= min && v <= max, Long::valueOf, doc);
    }

    static Setting<Long> bytes(String name, Long defaultValue, long min, long max, String doc) {
        return new Setting<>(name, Long.class, defaultValue, "between " + min + " and " + max + " bytes",
                v -> v >= min && v <= max, Long::valueOf, doc);
    }

    static Setting<Double> fraction(String name, Double defaultValue, String doc) {
        return new Setting<>(name, Double.class, defaultValue, "between 0.0 and 1.0", v -> v >= 0 && v <= 1,
                Double::valueOf, doc);
    }

    static Setting<Boolean> flag(String name, Boolean defaultValue, String doc) {
        return new Setting<>(name, Boolean.class, defaultValue, "true or false", v -> true, Setting::parseBoolean, doc);
    }

    static Setting<String> text(String name, String rule, Predicate<String> valid, String doc) {
        return new Setting<>(name, String.class, null, rule, valid, Function.identity(), doc);
    }

    static Setting<URI> url(String name, String doc) {
        return new Setting<>(name, URI.class, null, "an absolute http or https URL",
                u -> u.isAbsolute() && ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null,
                URI::create, doc);
    }

    static <E extends Enum<E>> Setting<E> choice(String name, Class<E> type, E defaultValue, String doc) {
        String names = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(java.util.stream.Collectors.joining(", ", "one of ", ""));
        return new Setting<>(name, type, defaultValue, names, v -> true,
                s -> Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_')), doc);
    }

    private static Boolean parseBoolean(String s) {
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.valueOf(s);
        }
        throw new IllegalArgumentException("not a boolean: " + s);
    }
}
