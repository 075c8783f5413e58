package com.dataeye.server.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Sensors Analytics record mapping of {@link SensorsProtocol}, for other ways in than the SDK
 * endpoint (the bulk import of a Sensors export): one record becomes one or two native events
 * ({@code track_signup} is an identify plus {@code $SignUp}).
 */
public final class SensorsRecords {

    private SensorsRecords() {}

    public static List<Map<String, Object>> toNative(Map<String, Object> record) {
        List<Map<String, Object>> out = new ArrayList<>(2);
        SensorsProtocol.translate(record, out);
        return out;
    }
}
