package com.dataeye.core.autocapture;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A project's rules for autocaptured events (PRODUCT.md C3): which kinds are kept, on which URLs,
 * what share of devices, and for how long.
 *
 * @param allowUrls     glob patterns ({@code *} matches anything); when not empty, a URL must match one
 * @param denyUrls      glob patterns; a matching URL is dropped (deny wins over allow)
 * @param sampleRate    share of devices (by distinct id) whose autocaptured events are kept, 0–1
 * @param retentionDays autocaptured events older than this are deleted; null keeps them like explicit ones
 */
public record AutocaptureSettings(Set<AutocaptureKind> enabled, List<String> allowUrls, List<String> denyUrls,
                                  double sampleRate, Integer retentionDays) {

    public static final AutocaptureSettings DEFAULTS =
            new AutocaptureSettings(EnumSet.allOf(AutocaptureKind.class), List.of(), List.of(), 1.0, null);

    public static final int MAX_PATTERNS = 200;

    public AutocaptureSettings {
        enabled = enabled == null || enabled.isEmpty() ? Set.of() : Set.copyOf(enabled);
        allowUrls = allowUrls == null ? List.of() : List.copyOf(allowUrls);
        denyUrls = denyUrls == null ? List.of() : List.copyOf(denyUrls);
        if (!(sampleRate >= 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("sample_rate must be between 0 and 1");
        }
        if (retentionDays != null && retentionDays < 1) {
            throw new IllegalArgumentException("retention_days must be at least 1");
        }
        if (allowUrls.size() > MAX_PATTERNS || denyUrls.size() > MAX_PATTERNS) {
            throw new IllegalArgumentException("at most " + MAX_PATTERNS + " URL patterns per list");
        }
    }

    /** A glob as an anchored regular expression: {@code *} is any run of characters, nothing else is special. */
    public static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        int start = 0;
        for (int i = 0; i < glob.length(); i++) {
            if (glob.charAt(i) == '*') {
                re.append(Pattern.quote(glob.substring(start, i))).append(".*");
                start = i + 1;
            }
        }
        re.append(Pattern.quote(glob.substring(start)));
        return Pattern.compile(re.toString());
    }
}
