package com.dataeye.analytics.channels;

import com.dataeye.analytics.query.DateRange;
import com.dataeye.analytics.query.InvalidQueryException;

import java.util.Locale;
import java.util.Map;

/**
 * Attribution of orders and revenue placed in {@code range} to the channel, source or campaign
 * that brought the buyer (PRODUCT.md O6), by one of three models (docs/features/channels.md).
 */
public record AttributionQuery(DateRange range, Model model, By by, int lookbackDays) {

    /**
     * {@code FIRST_TOUCH}: the buyer's first event ever. {@code LAST_TOUCH}: the last non-direct touch
     * within the lookback before the order (direct if none). {@code LINEAR}: an equal share to each
     * distinct non-direct touch (channel, source, campaign) within the lookback (direct if none).
     */
    public enum Model { FIRST_TOUCH, LAST_TOUCH, LINEAR }

    public enum By { CHANNEL, SOURCE, CAMPAIGN }

    public static AttributionQuery from(Map<String, Object> q) {
        DateRange range = DateRange.of(q.get("from"), q.get("to"), "");
        Model model = parse(Model.class, q.getOrDefault("model", "first_touch"), "model", "first_touch, last_touch or linear");
        By by = parse(By.class, q.getOrDefault("by", "channel"), "by", "channel, source or campaign");
        Object l = q.getOrDefault("lookback_days", 30);
        if (!(l instanceof Integer lookback) || lookback < 1 || lookback > 365) {
            throw new InvalidQueryException("lookback_days", "lookback_days is 1–365");
        }
        return new AttributionQuery(range, model, by, lookback);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, Object value, String field, String allowed) {
        try {
            return Enum.valueOf(type, String.valueOf(value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(field, field + " is " + allowed);
        }
    }
}
