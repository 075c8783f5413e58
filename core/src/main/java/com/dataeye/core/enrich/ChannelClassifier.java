package com.dataeye.core.enrich;

import static com.dataeye.core.enrich.Channel.EMAIL;
import static com.dataeye.core.enrich.Channel.INVITE;
import static com.dataeye.core.enrich.Channel.PAID;
import static com.dataeye.core.enrich.Channel.REFERRAL;
import static com.dataeye.core.enrich.Channel.WECHAT;

/**
 * Decides which {@link Channel} a visit came through. Signals are tried from the most deliberate to the
 * most incidental, and the first that speaks decides:
 *
 * <ol>
 *   <li>utm tags – the marketer said so explicitly; a paying or email {@code utm_medium} outranks the
 *       platform in {@code utm_source} (a Douyin ad is {@code paid}, source {@code douyin})
 *   <li>invite code – a user-to-user invite, whatever app carried the link
 *   <li>share source – an in-app share, WeChat unless the value names another platform
 *   <li>referrer – its host against {@link KnownSources}; another host is {@code referral}; the landing
 *       page's own host is navigation inside the shop, i.e. {@code direct}
 *   <li>nothing – {@code direct}
 * </ol>
 *
 * Stateless and thread-safe.
 */
public final class ChannelClassifier {

    /** Source when utm tags name a channel but nothing names the platform. */
    static final String UNKNOWN_SOURCE = "unknown";

    /** Client-supplied names become report group keys; cap them so junk cannot blow up cardinality. */
    private static final int MAX_SOURCE_CODE_POINTS = 64;

    public Channel classify(AcquisitionContext ctx) {
        if (ctx == null) {
            return Channel.DIRECT_VISIT;
        }
        Channel fromUtm = fromUtm(ctx);
        if (fromUtm != null) {
            return fromUtm;
        }
        if (isPresent(ctx.inviteCode())) {
            return invite(ctx);
        }
        Channel fromShare = fromShare(ctx.shareSource());
        if (fromShare != null) {
            return fromShare;
        }
        Channel fromReferrer = fromExternalReferrer(ctx);
        return fromReferrer != null ? fromReferrer : Channel.DIRECT_VISIT;
    }

    private Channel fromUtm(AcquisitionContext ctx) {
        String source = isPresent(ctx.utmSource()) ? capped(KnownSources.normalise(ctx.utmSource())) : null;
        String medium = isPresent(ctx.utmMedium()) ? KnownSources.normalise(ctx.utmMedium()) : null;
        Channel platform = source == null ? null : platformNamed(source);
        String mediumChannel = medium == null ? null : KnownSources.channelOfMedium(medium);

        if (PAID.equals(mediumChannel) || EMAIL.equals(mediumChannel)) {
            String paidSource = platform != null ? platform.source() : source != null ? source : referrerSource(ctx);
            return new Channel(mediumChannel, paidSource);
        }
        if (platform != null) {
            return platform;
        }
        if (mediumChannel != null) {
            return new Channel(mediumChannel, source != null ? source : referrerSource(ctx));
        }
        if (source != null) {
            return new Channel(REFERRAL, source);
        }
        return null; // an unrecognised utm_medium alone says nothing; let the weaker signals decide
    }

    /** A utm_source is a name ({@code 抖音}) or, now and then, a domain ({@code m.douyin.com}). */
    private static Channel platformNamed(String source) {
        Channel named = KnownSources.byName(source);
        if (named != null || source.indexOf('.') < 0) {
            return named;
        }
        String host = UrlHost.of(source);
        return host == null ? null : KnownSources.byHost(host);
    }

    /** The source says which platform carried the invite when that is known; the code itself is not stored. */
    private Channel invite(AcquisitionContext ctx) {
        Channel carrier = fromShare(ctx.shareSource());
        if (carrier == null) {
            carrier = fromExternalReferrer(ctx);
        }
        return new Channel(INVITE, carrier != null ? carrier.source() : INVITE);
    }

    private static Channel fromShare(String shareSource) {
        if (!isPresent(shareSource)) {
            return null;
        }
        Channel known = KnownSources.byName(KnownSources.normalise(shareSource));
        // share sources come from the WeChat JS-SDK and mini programs unless they name another app
        return known != null ? known : new Channel(WECHAT, WECHAT);
    }

    /** The referrer's platform or host; null when there is none or it is the landing page's own host. */
    private static Channel fromExternalReferrer(AcquisitionContext ctx) {
        String host = UrlHost.of(ctx.referrer());
        if (host == null || host.equals(UrlHost.of(ctx.pageUrl()))) {
            return null;
        }
        Channel known = KnownSources.byHost(host);
        return known != null ? known : new Channel(REFERRAL, capped(host));
    }

    private static String referrerSource(AcquisitionContext ctx) {
        Channel referrer = fromExternalReferrer(ctx);
        return referrer != null ? referrer.source() : UNKNOWN_SOURCE;
    }

    private static boolean isPresent(String value) {
        return value != null && !value.isBlank();
    }

    private static String capped(String value) {
        if (value.length() <= MAX_SOURCE_CODE_POINTS
                || value.codePointCount(0, value.length()) <= MAX_SOURCE_CODE_POINTS) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, MAX_SOURCE_CODE_POINTS));
    }
}
