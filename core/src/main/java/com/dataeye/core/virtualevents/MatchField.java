package com.dataeye.core.virtualevents;

import java.util.Locale;
import java.util.Optional;

/**
 * The autocaptured fields a virtual event can test: each is a column every stored event has
 * (filled by the SDKs' page view and click capture), so a definition applies to all history.
 */
public enum MatchField {
    URL("url"), PATH("path"), TITLE("title"),
    ELEMENT_SELECTOR("element_selector"), ELEMENT_TEXT("element_text"), ELEMENT_PATH("element_path");

    private final String column;

    MatchField(String column) {
        this.column = column;
    }

    /** The event-store column; a constant of this enum, never text from a request. */
    public String column() {
        return column;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MatchField> fromWire(Object s) {
        for (MatchField f : values()) {
            if (f.wire().equals(s)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
