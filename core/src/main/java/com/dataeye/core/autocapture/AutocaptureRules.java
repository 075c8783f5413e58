package com.dataeye.core.autocapture;

import java.util.List;
import java.util.regex.Pattern;

/** {@link AutocaptureSettings} compiled for the collector: patterns compiled once, sampling a cheap hash. */
public final class AutocaptureRules {

    public static final AutocaptureRules KEEP_ALL = new AutocaptureRules(AutocaptureSettings.DEFAULTS);

    private final AutocaptureSettings settings;
    private final boolean[] enabled = new boolean[AutocaptureKind.values().length];
    private final List<UrlMatcher> allow;
    private final List<UrlMatcher> deny;
    private final long sampleThreshold;
    private final boolean keepAll;

    public AutocaptureRules(AutocaptureSettings settings) {
        this.settings = settings;
        for (AutocaptureKind k : settings.enabled()) {
            enabled[k.ordinal()] = true;
        }
        this.allow = settings.allowUrls().stream().map(UrlMatcher::of).toList();
        this.deny = settings.denyUrls().stream().map(UrlMatcher::of).toList();
        this.sampleThreshold = (long) (settings.sampleRate() * (1L << 32));
        this.keepAll = settings.enabled().size() == AutocaptureKind.values().length && allow.isEmpty() && deny.isEmpty()
                && settings.sampleRate() >= 1.0;
    }

    public AutocaptureSettings settings() {
        return settings;
    }

    /** Why an autocaptured event is not kept, or null to keep it. */
    public String dropReason(AutocaptureKind kind, String url, String distinctId) {
        if (keepAll) {
            return null;
        }
        if (!enabled[kind.ordinal()]) {
            return "autocapture of " + kind.wire() + " is off";
        }
        if (url != null) {
            for (UrlMatcher p : deny) {
                if (p.matches(url)) {
                    return "url denied";
                }
            }
        }
        if (!allow.isEmpty()) {
            boolean allowed = false;
            if (url != null) {
                for (UrlMatcher p : allow) {
                    if (p.matches(url)) {
                        allowed = true;
                        break;
                    }
                }
            }
            if (!allowed) {
                return "url not allowed";
            }
        }
        if (sampleThreshold < (1L << 32) && bucket(distinctId) >= sampleThreshold) {
            return "sampled out";
        }
        return null;
    }

    /**
     * A URL glob, matched without a regular expression in the common shapes ({@code https://shop/x/*}
     * is a prefix, a glob without {@code *} an exact URL): this runs for every autocaptured event.
     */
    private interface UrlMatcher {
        boolean matches(String url);

        static UrlMatcher of(String glob) {
            int star = glob.indexOf('*');
            if (star < 0) {
                return glob::equals;
            }
            if (star == glob.length() - 1) {
                String prefix = glob.substring(0, star);
                return url -> url.startsWith(prefix);
            }
            Pattern p = AutocaptureSettings.glob(glob);
            return url -> p.matcher(url).matches();
        }
    }

    /** A device's place in [0, 2^32): the same device is always in or always out, so its paths stay whole. */
    static long bucket(String distinctId) {
        long h = distinctId == null ? 0 : distinctId.hashCode();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h & 0xffffffffL;
    }
}
