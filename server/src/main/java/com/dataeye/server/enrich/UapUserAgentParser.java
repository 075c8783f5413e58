package com.dataeye.server.enrich;

import com.dataeye.core.enrich.DeviceInfo;
import com.dataeye.core.enrich.UserAgentParser;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * {@link UserAgentParser} backed by uap-java's maintained regex set, with the WeChat knowledge that set
 * lacks, behind a bounded cache.
 *
 * <p>Why the cache: uap-java tries hundreds of regexes per string (around a millisecond for a full
 * parse), while the agents hitting one shop are few and repeat constantly, so almost every call becomes
 * a map lookup.
 *
 * <p>Names are lower case ({@code ios}, {@code mobile safari}, {@code wechat}) so they group cleanly next
 * to {@code deviceType}, which is one of {@code mobile}, {@code tablet}, {@code desktop}, {@code bot},
 * {@code mini_program}, or null when the agent says too little.
 *
 * <p>Thread-safe: uap-java's {@link Parser} compiles its patterns once and creates matchers per call, and
 * the Caffeine cache is concurrent. Construction loads and compiles regexes.yaml (hundreds of
 * milliseconds), so create one instance and share it.
 */
public final class UapUserAgentParser implements UserAgentParser {

    public static final long DEFAULT_CACHE_SIZE = 10_000;

    /**
     * Real agents stay under ~500 characters even with WeChat's additions. The header is client
     * controlled, and regex matching time grows with input length, so longer input is cut before parsing
     * (and before becoming a cache key).
     */
    static final int MAX_USER_AGENT_LENGTH = 1_024;

    static final String WECHAT = "wechat";

    /** WeChat's version is its own ({@code MicroMessenger/8.0.47.2560(0x28002F30)}), not the WebView's. */
    private static final Pattern WECHAT_VERSION = Pattern.compile("MicroMessenger/(\\d+(?:\\.\\d+){0,3})");

    /**
     * WeChat puts a per-install id ({@code MMWEBID/2247}) and the current network ({@code NetType/WIFI})
     * into its agent. Neither affects the result, but both would make every WeChat user a cache miss, and
     * a miss costs about a millisecond.
     */
    private static final List<String> WECHAT_VOLATILE_TOKENS = List.of(" MMWEBID/", " NetType/");

    private static final Set<String> HANDHELD_OS = Set.of("ios", "android", "harmonyos", "windows phone");

    private final Parser parser;
    private final Cache<String, DeviceInfo> cache;

    /** Uses the regexes bundled with uap-java and a cache of {@value #DEFAULT_CACHE_SIZE} agents. */
    public UapUserAgentParser() {
        this(new Parser(), DEFAULT_CACHE_SIZE);
    }

    public UapUserAgentParser(Parser parser, long maximumCacheSize) {
        this.parser = parser;
        this.cache = Caffeine.newBuilder().maximumSize(maximumCacheSize).build();
    }

    @Override
    public DeviceInfo parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return DeviceInfo.UNKNOWN;
        }
        return cache.get(cacheKey(userAgent), this::parseUncached);
    }

    /** The part of the agent that decides the result; equal keys parse to equal answers. */
    static String cacheKey(String userAgent) {
        String bounded = userAgent.length() > MAX_USER_AGENT_LENGTH
                ? userAgent.substring(0, MAX_USER_AGENT_LENGTH)
                : userAgent;
        if (!bounded.contains("MicroMessenger")) {
            return bounded;
        }
        String key = bounded;
        for (String token : WECHAT_VOLATILE_TOKENS) {
            key = withoutToken(key, token);
        }
        return key;
    }

    /** Removes {@code token} and its value up to the next space; indexOf because this runs on every hit. */
    private static String withoutToken(String userAgent, String token) {
        int start = userAgent.indexOf(token);
        if (start < 0) {
            return userAgent;
        }
        int end = userAgent.indexOf(' ', start + token.length());
        return end < 0 ? userAgent.substring(0, start) : userAgent.substring(0, start) + userAgent.substring(end);
    }

    private DeviceInfo parseUncached(String userAgent) {
        Client client = parser.parse(userAgent);
        String os = name(client.os.family);
        String osVersion = version(client.os.major, client.os.minor, client.os.patch);
        boolean wechat = userAgent.contains("MicroMessenger");
        String browser = wechat ? WECHAT : name(client.userAgent.family);
        String browserVersion = wechat
                ? wechatVersion(userAgent)
                : version(client.userAgent.major, client.userAgent.minor, client.userAgent.patch);
        String deviceType = deviceType(userAgent, client, os, wechat);
        return new DeviceInfo(os, osVersion, browser, browserVersion, deviceType);
    }

    private static String deviceType(String userAgent, Client client, String os, boolean wechat) {
        String device = client.device.family == null ? "" : client.device.family;
        String browser = client.userAgent.family == null ? "" : client.userAgent.family.toLowerCase(Locale.ROOT);
        if ("Spider".equals(device) || browser.contains("bot") || browser.contains("spider")
                || browser.contains("crawler")) {
            return "bot";
        }
        // a web-view inside a WeChat mini program: Android says MiniProgramEnv/android, iOS says miniProgram
        if (wechat && (userAgent.contains("MiniProgramEnv") || userAgent.contains("miniProgram"))) {
            return "mini_program";
        }
        // before the mobile check: iPads and many tablets also send "Mobile"
        if (device.contains("iPad") || device.contains("Tablet") || device.contains("Kindle")
                || userAgent.contains("iPad") || userAgent.contains("Tablet")
                || ("android".equals(os) && !userAgent.contains("Mobile"))) {
            return "tablet";
        }
        if ((os != null && HANDHELD_OS.contains(os)) || userAgent.contains("Mobile") || userAgent.contains("iPhone")) {
            return "mobile";
        }
        return os != null ? "desktop" : null;
    }

    private static String wechatVersion(String userAgent) {
        Matcher matcher = WECHAT_VERSION.matcher(userAgent);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** uap-java says "Other" when it does not know. */
    private static String name(String family) {
        if (family == null || family.isEmpty() || "Other".equals(family)) {
            return null;
        }
        return family.toLowerCase(Locale.ROOT);
    }

    private static String version(String major, String minor, String patch) {
        if (major == null || major.isEmpty()) {
            return null;
        }
        StringBuilder version = new StringBuilder(major);
        if (minor != null && !minor.isEmpty()) {
            version.append('.').append(minor);
            if (patch != null && !patch.isEmpty()) {
                version.append('.').append(patch);
            }
        }
        return version.toString();
    }
}
