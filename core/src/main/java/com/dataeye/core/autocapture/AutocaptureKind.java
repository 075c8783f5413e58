package com.dataeye.core.autocapture;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of events SDKs capture on their own, by the preset event names they send (ours,
 * Sensors Analytics', PostHog-style). Everything else is an explicit event.
 */
public enum AutocaptureKind {
    PAGEVIEW, CLICK, PAGE_LEAVE, FORM;

    private static final Map<String, AutocaptureKind> BY_EVENT = Map.ofEntries(
            Map.entry("$pageview", PAGEVIEW), Map.entry("$MPViewScreen", PAGEVIEW), Map.entry("$AppViewScreen", PAGEVIEW),
            Map.entry("$WebClick", CLICK), Map.entry("$MPClick", CLICK), Map.entry("$AppClick", CLICK),
            Map.entry("$autocapture", CLICK), Map.entry("$click", CLICK),
            Map.entry("$WebStay", PAGE_LEAVE), Map.entry("$pageleave", PAGE_LEAVE), Map.entry("$MPPageLeave", PAGE_LEAVE),
            Map.entry("$AppPageLeave", PAGE_LEAVE), Map.entry("$WebPageLeave", PAGE_LEAVE),
            Map.entry("$form_submit", FORM), Map.entry("$change", FORM), Map.entry("$submit", FORM));

    /** The kind of an autocaptured event name, or empty for an explicit event. */
    public static Optional<AutocaptureKind> of(String event) {
        return event != null && !event.isEmpty() && event.charAt(0) == '$'
                ? Optional.ofNullable(BY_EVENT.get(event)) : Optional.empty();
    }

    /** Every event name of autocapture, for the retention job and the storage report. */
    public static java.util.Set<String> eventNames() {
        return BY_EVENT.keySet();
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AutocaptureKind> fromWire(String s) {
        for (AutocaptureKind k : values()) {
            if (k.wire().equals(s)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
