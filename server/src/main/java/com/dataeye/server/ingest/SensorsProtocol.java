package com.dataeye.server.ingest;

import com.dataeye.core.ingest.RejectionCode;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The wire protocol of the Sensors Analytics (神策) SDKs (PRODUCT.md C5): {@code POST /sa} with a form
 * body {@code data=<base64 JSON>} or {@code data_list=<base64 JSON array>}, gzip'd before base64 when
 * {@code gzip=1}, whatever the Content-Type ({@code sendBeacon} sends text/plain); image beacons
 * {@code GET /sa.gif?data=…&ext=crc%3D…}; the write key as the server URL's {@code project} (or
 * {@code token}) parameter: {@code https://dataeye.example.cn/sa?project=wk_…}.
 *
 * <p>Records map onto native events: {@code distinct_id} with {@code $is_login_id}, {@code login_id},
 * {@code anonymous_id} or {@code identities} → our ids; {@code time} → timestamp and {@code _flush_time}
 * → sent_at (skew correction); {@code lib.$lib} → lib; {@code track_signup} → an identify linking
 * {@code original_id} plus the {@code $SignUp} event; profile and item records by type. SDKs re-send
 * on failure with the same {@code _track_id}, so the event id is derived from
 * ({@code distinct_id}, {@code _track_id}, {@code time}) and a retry is stored once.
 */
final class SensorsProtocol implements WireProtocol {

    private final JsonMapper json;

    SensorsProtocol(JsonMapper json) {
        this.json = json;
    }

    @Override
    public byte[] toNative(String path, String query, byte[] body) {
        Map<String, String> params = new HashMap<>(form(query));
        params.putAll(form(new String(body, StandardCharsets.UTF_8)));
        String crc = crcOf(params.get("ext"));
        List<Map<String, Object>> records = new ArrayList<>();
        if (params.containsKey("data_list")) {
            records.addAll(records(decode(params.get("data_list"), "1".equals(params.get("gzip")), crc), true));
        } else if (params.containsKey("data")) {
            records.addAll(records(decode(params.get("data"), "1".equals(params.get("gzip")), crc), false));
        } else {
            throw new RequestError(RejectionCode.MALFORMED_JSON, "a Sensors request needs a data or data_list parameter");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : records) {
            translate(r, out);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        String key = params.getOrDefault("project", params.get("token"));
        if (key != null) {
            envelope.put("write_key", key);
        }
        envelope.put("batch", out);
        return json.writeValueAsBytes(envelope);
    }

    /** {@code POST /debug} with {@code Dry-Run: true}: the SDKs' debug_only mode, which must store nothing. */
    static boolean isDryRun(String servletPath, String dryRunHeader) {
        return "/debug".equals(servletPath) && dryRunHeader != null && "true".equalsIgnoreCase(dryRunHeader.trim());
    }

    /** The image beacon's {@code ext=crc=<n>}: Java's hashCode of the base64 text, to detect a URL cut short. */
    private static String crcOf(String ext) {
        if (ext == null) {
            return null;
        }
        for (String part : ext.split("&")) {
            if (part.startsWith("crc=")) {
                return part.substring(4);
            }
        }
        return null;
    }

    private byte[] decode(String base64, boolean gzip, String crc) {
        if (crc != null && !crc.equals(Integer.toString(base64.hashCode()))) {
            throw new RequestError(RejectionCode.MALFORMED_JSON, "crc does not match the data: the request was cut short in transit");
        }
        try {
            byte[] raw = java.util.Base64.getMimeDecoder().decode(base64);
            if (!gzip) {
                return raw;
            }
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readNBytes(8 * 1024 * 1024);
            }
        } catch (IllegalArgumentException | IOException e) {
            throw new RequestError(RejectionCode.MALFORMED_JSON, "data is not " + (gzip ? "gzip'd " : "") + "base64: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> records(byte[] text, boolean list) {
        try {
            Object value = json.readValue(text, Object.class);
            if (value instanceof List<?> l) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (Object o : l) {
                    out.add(o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
                }
                return out;
            }
            if (value instanceof Map<?, ?> m) {
                return List.of((Map<String, Object>) m);
            }
        } catch (JacksonException e) {
            throw new RequestError(RejectionCode.MALFORMED_JSON, "malformed JSON in " + (list ? "data_list" : "data") + ": "
                    + e.getOriginalMessage());
        }
        throw new RequestError(RejectionCode.MALFORMED_JSON, (list ? "data_list" : "data") + " must hold JSON records");
    }

    private static void translate(Map<String, Object> r, List<Map<String, Object>> out) {
        String type = String.valueOf(r.get("type"));
        Map<String, Object> props = new LinkedHashMap<>(map(r.get("properties")));
        Map<String, Object> e = base(r, props);
        switch (type) {
            case "track" -> {
                e.put("type", "track");
                e.put("event", r.get("event"));
                latestUtm(props);
                e.put("properties", props);
                out.add(e);
            }
            case "track_signup" -> {
                Map<String, Object> link = new LinkedHashMap<>(e);
                link.put("type", "identify");
                link.put("login_id", r.get("distinct_id"));
                link.put("anonymous_id", r.get("original_id"));
                out.add(link);
                e.put("type", "track");
                e.put("event", r.getOrDefault("event", "$SignUp"));
                e.put("login_id", r.get("distinct_id"));
                put(e, "anonymous_id", r.get("original_id"));
                if (e.get("event_id") != null) {
                    e.put("event_id", e.get("event_id") + ":signup");
                }
                e.put("properties", props);
                out.add(e);
            }
            case "profile_set", "profile_set_once", "profile_increment", "profile_append", "profile_unset", "profile_delete" -> {
                e.put("type", type);
                e.put("properties", props);
                out.add(e);
            }
            case "track_id_bind" -> {
                // ID-Mapping 3's login ($BindID): the record's identities name both ids; link them as identify does
                e.put("type", "identify");
                if (e.get("login_id") == null || e.get("anonymous_id") == null) {
                    e.put("login_id", first(e.get("login_id"), r.get("distinct_id")));
                }
                out.add(e);
            }
            case "track_id_unbind" -> {
                // unlinking is not modelled: keep the fact as an event, the person stays as merged
                e.put("type", "track");
                e.put("event", r.getOrDefault("event", "$UnbindID"));
                e.put("properties", props);
                out.add(e);
            }
            case "item_set" -> {
                e.put("type", "item_set");
                e.put("item_id", r.get("item_id"));
                props.putIfAbsent("item_type", r.get("item_type"));
                e.put("properties", props);
                if (e.get("distinct_id") == null) {
                    e.put("distinct_id", "item:" + r.get("item_id"));
                }
                out.add(e);
            }
            case "item_delete" -> {
                // items are attribute records of a product: a deletion is the last record, flagged
                e.put("type", "item_set");
                e.put("item_id", r.get("item_id"));
                put(props, "item_type", r.get("item_type"));
                props.put("$is_deleted", true);
                e.put("properties", props);
                if (e.get("distinct_id") == null) {
                    e.put("distinct_id", "item:" + r.get("item_id"));
                }
                if (e.get("event_id") != null) {
                    e.put("event_id", e.get("event_id") + ":delete");
                }
                out.add(e);
            }
            default -> {
                e.put("type", "sensors:" + type);
                out.add(e);
            }
        }
    }

    /** Ids, time and library, common to every Sensors record. */
    private static Map<String, Object> base(Map<String, Object> r, Map<String, Object> props) {
        Map<String, Object> e = new LinkedHashMap<>();
        Object distinct = r.get("distinct_id");
        Map<String, Object> identities = map(r.get("identities"));
        Object login = first(r.get("login_id"), identities.get("$identity_login_id"),
                Boolean.TRUE.equals(props.get("$is_login_id")) ? distinct : null);
        Object anonymous = first(r.get("anonymous_id"), identities.get("$identity_anonymous_id"),
                identities.get("$identity_cookie_id"), login == null ? distinct : null);
        put(e, "distinct_id", distinct);
        put(e, "login_id", login);
        if (anonymous != null && !anonymous.equals(login)) {
            put(e, "anonymous_id", anonymous);
        }
        if (r.get("_track_id") != null) {
            e.put("event_id", "sa:" + distinct + ":" + r.get("_track_id") + ":" + r.get("time"));
        }
        put(e, "timestamp", r.get("time"));
        put(e, "sent_at", r.get("_flush_time"));
        Map<String, Object> lib = map(r.get("lib"));
        put(e, "lib", lib.get("$lib"));
        put(e, "lib_version", lib.get("$lib_version"));
        return e;
    }

    /** The JS SDK keeps the campaign of the latest visit as {@code $latest_utm_*}; use it when the event has none. */
    private static void latestUtm(Map<String, Object> props) {
        for (String part : List.of("source", "medium", "campaign", "content", "term")) {
            Object latest = props.get("$latest_utm_" + part);
            if (latest != null && !props.containsKey("$utm_" + part) && !props.containsKey("utm_" + part)) {
                props.put("utm_" + part, latest);
            }
        }
    }

    private static Map<String, String> form(String text) {
        Map<String, String> out = new HashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : text.trim().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new RequestError(RejectionCode.MALFORMED_JSON, "the form body is not URL-encoded: " + e.getMessage());
                }
            }
        }
        return out;
    }

    private static Object first(Object... values) {
        for (Object v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
