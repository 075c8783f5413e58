package com.dataeye.core.virtualevents;

import java.util.regex.Pattern;

/** One test on one field of an event: {@code {"field": "element_selector", "op": "equals", "value": "#buy-now"}}. */
public record Condition(MatchField field, MatchOp op, String value) {

    /** Whether an event whose field holds {@code actual} (null when absent) passes; the reference semantics of the SQL. */
    public boolean test(String actual) {
        if (actual == null) {
            return op.negative();
        }
        return switch (op) {
            case EQUALS -> actual.equals(value);
            case NOT_EQUALS -> !actual.equals(value);
            case CONTAINS -> actual.contains(value);
            case NOT_CONTAINS -> !actual.contains(value);
            case STARTS_WITH -> actual.startsWith(value);
            case ENDS_WITH -> actual.endsWith(value);
            case GLOB -> globPattern(value).matcher(actual).matches();
            case REGEX -> Pattern.compile(value).matcher(actual).find();
        };
    }

    /** A glob as an anchored pattern: {@code *} is any run of characters, newlines too, as {@code %} in SQL (the governance URL-list syntax). */
    static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        int start = 0;
        for (int i = 0; i < glob.length(); i++) {
            if (glob.charAt(i) == '*') {
                re.append(Pattern.quote(glob.substring(start, i))).append(".*");
                start = i + 1;
            }
        }
        re.append(Pattern.quote(glob.substring(start)));
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /**
     * The glob as a SQL {@code LIKE} pattern with {@code \} as escape: {@code *} becomes {@code %}, and
     * the pattern characters {@code %}, {@code _} and {@code \} are escaped so they match themselves.
     */
    public String likePattern() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '*' -> out.append('%');
                case '%', '_', '\\' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
