package com.dataeye.core.project;

import com.dataeye.core.privacy.PiiMode;

import java.time.ZoneId;

/**
 * A tracked shop (or one of its apps): the unit that owns events, keys and settings.
 *
 * @param timeZone where its days begin and end; Asia/Shanghai unless configured
 * @param piiKey   secret per project, so keyed hashes of the same phone differ between projects
 */
public record Project(String id, String name, ZoneId timeZone, PiiMode piiMode, byte[] piiKey) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
}
