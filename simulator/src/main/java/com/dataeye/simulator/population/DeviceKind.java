package com.dataeye.simulator.population;

/** Where a person browses from; decides the SDK ({@code $lib}) and the device properties of client events. */
public enum DeviceKind {

    /** H5 pages in a phone browser or in Douyin's / WeChat's in-app browser. */
    MOBILE_WEB("js", "1.6.2", "mobile"),
    /** The shop's WeChat mini program. */
    MINI_PROGRAM("miniprogram", "1.4.0", "mini_program"),
    DESKTOP_WEB("js", "1.6.2", "desktop");

    private final String lib;
    private final String libVersion;
    private final String deviceType;

    DeviceKind(String lib, String libVersion, String deviceType) {
        this.lib = lib;
        this.libVersion = libVersion;
        this.deviceType = deviceType;
    }

    public String lib() {
        return lib;
    }

    public String libVersion() {
        return libVersion;
    }

    /** The {@code $device_type} value, from the product's vocabulary (docs/features/enrichment.md). */
    public String deviceType() {
        return deviceType;
    }
}
