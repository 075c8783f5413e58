package com.dataeye.analytics.channels;

import java.util.List;

/**
 * @param rows   biggest revenue first
 * @param totals over all rows (equal for every model: each order is credited exactly once in total)
 */
public record AttributionResult(String model, String by, int lookbackDays, List<Row> rows, Row totals) {

    /**
     * @param source   for {@code by=source}: the origin within the channel (e.g. {@code zsxq}, {@code douyin})
     * @param campaign for {@code by=campaign}: {@code utm_campaign}, "(none)" without one
     * @param persons  persons first seen in the range whose first touch is this row (the same in every model)
     * @param orders   orders credited (fractional in the linear model)
     * @param revenue  net revenue credited: paid minus refunded amounts of those orders
     * @param revenueShare revenue / total revenue
     */
    public record Row(String channel, String source, String campaign, long persons, double orders, double revenue,
                      Double revenueShare) {}
}
