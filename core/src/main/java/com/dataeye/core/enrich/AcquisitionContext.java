package com.dataeye.core.enrich;

/**
 * What an event says about how the visitor arrived. Every field is optional (null or blank).
 *
 * @param utmSource   {@code utm_source} from the landing URL, e.g. {@code douyin} or {@code 抖音}
 * @param utmMedium   {@code utm_medium}, e.g. {@code cpc}, {@code email}
 * @param utmCampaign {@code utm_campaign}; carried for reporting, not used to pick the channel
 * @param referrer    {@code document.referrer} or the HTTP Referer of the landing page
 * @param shareSource where an in-app share came from (WeChat JS-SDK / mini program share), e.g.
 *                    {@code timeline}, {@code wechat_friend}
 * @param inviteCode  a user-to-user invite code from the landing URL
 * @param pageUrl     the landing page itself, used to recognise internal referrers
 */
public record AcquisitionContext(
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String referrer,
        String shareSource,
        String inviteCode,
        String pageUrl) {
}
