package com.dataeye.analytics.query;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A property an analysis filters, groups or measures by: one of the event table's columns, or any
 * other event property, read from the JSON {@code properties}. Column names come from a fixed list
 * and custom names go into a bound JSON path, so no user string is ever spliced into SQL.
 */
public record Property(String name, String column, String jsonPath, boolean numeric) {

    /** Columns by their public names; SDK preset spellings ({@code $url}) lead to the same column. */
    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("event", "event"), Map.entry("person_id", "person_id"), Map.entry("distinct_id", "distinct_id"),
            Map.entry("lib", "lib"), Map.entry("lib_version", "lib_version"),
            Map.entry("url", "url"), Map.entry("$url", "url"), Map.entry("path", "path"), Map.entry("$url_path", "path"),
            Map.entry("title", "title"), Map.entry("$title", "title"), Map.entry("referrer", "referrer"), Map.entry("$referrer", "referrer"),
            Map.entry("utm_source", "utm_source"), Map.entry("utm_medium", "utm_medium"), Map.entry("utm_campaign", "utm_campaign"),
            Map.entry("utm_content", "utm_content"), Map.entry("utm_term", "utm_term"), Map.entry("channel", "channel"),
            Map.entry("os", "os"), Map.entry("$os", "os"), Map.entry("browser", "browser"), Map.entry("$browser", "browser"),
            Map.entry("device_type", "device_type"), Map.entry("screen", "screen"), Map.entry("ip", "ip"),
            Map.entry("element_selector", "element_selector"), Map.entry("$element_selector", "element_selector"),
            Map.entry("element_path", "element_path"), Map.entry("element_text", "element_text"),
            Map.entry("$element_content", "element_text"), Map.entry("order_id", "order_id"), Map.entry("product_id", "product_id"),
            Map.entry("amount", "amount"));

    private static final Pattern NAME = Pattern.compile("[$A-Za-z_\\p{IsHan}][$A-Za-z0-9_.\\-\\p{IsHan}]{0,99}");

    /**
     * @param path where the name came from, for the error message
     * @throws InvalidQueryException when the name cannot be a property
     */
    public static Property of(String name, String path) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidQueryException(path, "'" + name + "' is not a property name: letters, digits, _, $, . and -, "
                    + "starting with a letter, _ or $, at most 100 characters");
        }
        String column = COLUMNS.get(name);
        if (column != null) {
            return new Property(name, column, null, column.equals("amount"));
        }
        return new Property(name, null, "$.\"" + name + "\"", false);
    }

    /** SQL for the value as text; a JSON property's path is the next bound parameter. */
    public String textSql() {
        return column != null ? (numeric ? "CAST(" + column + " AS VARCHAR)" : column) : "json_extract_string(properties, ?)";
    }

    /** SQL for the value as a number (NULL when it is not one). */
    public String numberSql() {
        return column != null ? "CAST(" + column + " AS DOUBLE)" : "TRY_CAST(json_extract_string(properties, ?) AS DOUBLE)";
    }

    /** The bound parameters {@link #textSql()} and {@link #numberSql()} take. */
    public void bind(java.util.List<Object> args) {
        if (column == null) {
            args.add(jsonPath);
        }
    }
}
