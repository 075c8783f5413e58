package com.dataeye.server.plan;

import com.dataeye.core.autocapture.AutocaptureSettings;
import com.dataeye.core.plan.UnknownPolicy;

/** A project's ingest policy for unknowns and its autocapture rules, as stored; {@code version} grows on every change. */
public record Governance(UnknownPolicy unknownEvents, UnknownPolicy unknownProperties, AutocaptureSettings autocapture,
                         long version) {

    public static final Governance DEFAULTS =
            new Governance(UnknownPolicy.ACCEPT, UnknownPolicy.ACCEPT, AutocaptureSettings.DEFAULTS, 0);
}
