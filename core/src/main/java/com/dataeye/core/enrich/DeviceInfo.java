package com.dataeye.core.enrich;

/** What a user agent says about the device; fields are null when unknown. */
public record DeviceInfo(String os, String osVersion, String browser, String browserVersion, String deviceType) {
    public static final DeviceInfo UNKNOWN = new DeviceInfo(null, null, null, null, null);
}
