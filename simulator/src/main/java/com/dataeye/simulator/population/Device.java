package com.dataeye.simulator.population;

/**
 * One browser or app install of a person: its own anonymous id, merged into the person's login id when
 * the person signs up or logs in on it.
 *
 * @param os {@code iOS}, {@code Android}, {@code Windows} or {@code macOS}
 */
public record Device(String anonymousId, DeviceKind kind, String os) {
}
