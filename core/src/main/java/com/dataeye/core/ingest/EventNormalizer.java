package com.dataeye.core.ingest;

import com.dataeye.core.enrich.AcquisitionContext;
import com.dataeye.core.enrich.Channel;
import com.dataeye.core.enrich.ChannelClassifier;
import com.dataeye.core.enrich.ClockSkew;
import com.dataeye.core.enrich.DeviceInfo;
import com.dataeye.core.enrich.IpAnonymizer;
import com.dataeye.core.enrich.UserAgentParser;
import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.identity.IdentityResolver;
import com.dataeye.core.plan.CompiledPlan;
import com.dataeye.core.plan.PlanVerdict;
import com.dataeye.core.privacy.PiiScrubber;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Turns one wire event (native API shape, docs/api/collector.md) into the canonical {@link Event}:
 * checks fields and types, corrects the client clock, resolves the person, derives device and
 * channel, truncates the IP, and de-identifies every string — in that order, so nothing raw
 * reaches the store. Throws {@link RejectedException} with the precise reason otherwise.
 */
final class EventNormalizer {

    private final IngestLimits limits;
    private final UserAgentParser userAgents;
    private final ChannelClassifier channels;
    private final IdentityResolver identities;

    EventNormalizer(IngestLimits limits, UserAgentParser userAgents, ChannelClassifier channels,
                    IdentityResolver identities) {
        this.limits = limits;
        this.userAgents = userAgents;
        this.channels = channels;
        this.identities = identities;
    }

    /** The normalised event plus the identity link it asks for (anonymous id, login id), if any. */
    record Normalized(Event event, String linkAnonymousId, String linkLoginId) {}

    /** An autocaptured event the project's governance does not keep (kind off, URL denied, sampled out). */
    static final Normalized DROPPED = new Normalized(null, null, null);

    Normalized normalize(Map<String, Object> in, IngestContext ctx, Scrubbers scrub) {
        return normalize(in, ctx, scrub, CompiledPlan.EMPTY);
    }

    Normalized normalize(Map<String, Object> in, IngestContext ctx, Scrubbers scrub, CompiledPlan plan) {
        EventType type = type(in);
        String eventName = type == EventType.TRACK ? eventName(in) : type.impliedEventName();

        String anonymousId = scrub.id(Fields.id(in, "anonymous_id"));
        String loginId = scrub.id(Fields.id(in, "login_id"));
        String distinctId = scrub.id(Fields.id(in, "distinct_id"));
        if (distinctId == null) {
            distinctId = loginId != null ? loginId : anonymousId;
        }
        if (distinctId == null && type == EventType.ITEM_SET && Fields.id(in, "item_id") != null) {
            // an item's attributes belong to no person: the item stands for itself
            distinctId = "item:" + Fields.id(in, "item_id");
        }
        if (distinctId == null) {
            throw new RejectedException(RejectionCode.MISSING_FIELD, "distinct_id",
                    "an event needs distinct_id, login_id or anonymous_id");
        }
        if (type == EventType.IDENTIFY) {
            if (loginId == null) {
                throw new RejectedException(RejectionCode.MISSING_FIELD, "login_id", "identify needs login_id");
            }
            if (anonymousId == null) {
                anonymousId = distinctId.equals(loginId) ? null : distinctId;
            }
            if (anonymousId == null) {
                throw new RejectedException(RejectionCode.MISSING_FIELD, "anonymous_id",
                        "identify needs the anonymous_id to link to login_id");
            }
        }
        String personId = loginId != null ? loginId : identities.personOf(ctx.project().id(), distinctId);

        Instant ts = timestamp(in, ctx);

        Map<String, Object> props = Fields.object(in, "properties");
        props = props == null ? new java.util.HashMap<>() : props;
        checkProperties(props);
        if (type == EventType.TRACK && !checkPlan(plan, eventName, props, distinctId)) {
            return DROPPED;
        }
        CanonicalProperties c = CanonicalProperties.extract(props);
        String productId = c.productId() != null ? c.productId() : (type == EventType.ITEM_SET ? Fields.id(in, "item_id") : null);
        if (type == EventType.ITEM_SET && productId == null) {
            throw new RejectedException(RejectionCode.MISSING_FIELD, "item_id", "item_set needs item_id");
        }

        String ua = c.userAgent() != null ? c.userAgent() : ctx.userAgent();
        DeviceInfo device = ua == null ? DeviceInfo.UNKNOWN : userAgents.parse(ua);
        String ip = IpAnonymizer.truncate(c.ip() != null ? c.ip() : ctx.clientIp());
        String url = scrub.text(c.url());
        String referrer = scrub.text(c.referrer());
        Channel channel = channels.classify(new AcquisitionContext(c.utmSource(), c.utmMedium(), c.utmCampaign(),
                c.referrer(), c.shareSource(), c.inviteCode(), c.url()));

        scrub.properties(props);
        String lib = firstNonNull(Fields.string(in, "lib", "lib"), c.lib());
        String libVersion = firstNonNull(Fields.string(in, "lib_version", "lib_version"), c.libVersion());

        Event event = new Event(
                eventId(in), ctx.project().id(), eventName, type, personId, distinctId, anonymousId, loginId,
                ts, ctx.receivedAt(), lib, libVersion,
                new Event.Page(url, scrub.text(c.path() != null ? c.path() : pathOf(c.url())), scrub.text(c.title()), referrer),
                new Event.Acquisition(scrub.text(c.utmSource()), scrub.text(c.utmMedium()), scrub.text(c.utmCampaign()),
                        scrub.text(c.utmContent()), scrub.text(c.utmTerm()), channel.channel()),
                new Event.Device(firstNonNull(c.os(), device.os()), firstNonNull(c.browser(), device.browser()),
                        firstNonNull(c.deviceType(), device.deviceType()), c.screen(), ip),
                new Event.Element(scrub.text(c.elementSelector()), scrub.text(c.elementPath()), scrub.text(c.elementText())),
                new Event.Commerce(scrub.text(c.orderId()), scrub.text(productId), c.amount()),
                props);
        boolean links = anonymousId != null && loginId != null;
        return new Normalized(event, links ? anonymousId : null, links ? loginId : null);
    }

    private static EventType type(Map<String, Object> in) {
        String wire = Fields.string(in, "type", "type");
        if (wire == null) {
            return EventType.TRACK;
        }
        return EventType.fromWire(wire).orElseThrow(() -> new RejectedException(RejectionCode.UNKNOWN_EVENT_TYPE, "type",
                "type '" + Fields.abbreviate(wire) + "' is not one of track, identify, profile_set, profile_set_once, "
                        + "profile_increment, profile_append, profile_unset, profile_delete, item_set"));
    }

    private static String eventName(Map<String, Object> in) {
        String name = Fields.string(in, "event", "event");
        if (name == null || name.isBlank()) {
            throw new RejectedException(RejectionCode.MISSING_FIELD, "event", "a track event needs an event name");
        }
        if (!Names.isValid(name)) {
            throw new RejectedException(RejectionCode.INVALID_EVENT_NAME, "event", Names.RULE);
        }
        return name;
    }

    static String eventId(Map<String, Object> in) {
        String id = Fields.id(in, "event_id");
        return id != null ? id : UUID.randomUUID().toString();
    }

    private Instant timestamp(Map<String, Object> in, IngestContext ctx) {
        Instant clientTs = Fields.instant(in, "timestamp");
        Instant sentAt = Fields.instant(in, "sent_at");
        Instant ts = ClockSkew.correct(clientTs, sentAt != null ? sentAt : ctx.sentAt(), ctx.receivedAt());
        if (ts.isBefore(ctx.receivedAt().minus(limits.maxAge()))) {
            throw new RejectedException(RejectionCode.TIMESTAMP_TOO_OLD, "timestamp",
                    "timestamp " + ts + " is more than " + limits.maxAge().toDays() + " days in the past");
        }
        if (ts.isAfter(ctx.receivedAt().plus(limits.maxFutureSkew()))) {
            throw new RejectedException(RejectionCode.TIMESTAMP_IN_FUTURE, "timestamp",
                    "timestamp " + ts + " is more than " + limits.maxFutureSkew().toHours() + " hours in the future");
        }
        return ts;
    }

    /**
     * Applies the tracking plan before any property moves to a column, so the plan sees what was sent.
     * Returns false for an event governance drops; throws for a violation; flags what the policy flags.
     */
    private static boolean checkPlan(CompiledPlan plan, String eventName, Map<String, Object> props, String distinctId) {
        Object url = props.get("$url");
        if (url == null) {
            url = props.get("url");
        }
        PlanVerdict v = plan.check(eventName, props, url instanceof String s ? s : null, distinctId);
        if (v == null) {
            return true;
        }
        if (v.violation() != null) {
            PlanVerdict.Violation bad = v.violation();
            throw new RejectedException(code(bad.kind()), bad.field(), bad.message());
        }
        if (v.dropReason() != null) {
            return false;
        }
        if (v.unplannedEvent()) {
            props.put("$unplanned_event", Boolean.TRUE);
        }
        if (!v.unplannedProperties().isEmpty()) {
            props.put("$unplanned_properties", v.unplannedProperties());
        }
        if (v.deprecated()) {
            props.put("$deprecated_event", Boolean.TRUE);
        }
        return true;
    }

    private static RejectionCode code(PlanVerdict.Kind kind) {
        return switch (kind) {
            case UNPLANNED_EVENT -> RejectionCode.UNPLANNED_EVENT;
            case UNPLANNED_PROPERTY -> RejectionCode.UNPLANNED_PROPERTY;
            case EVENT_BLOCKED -> RejectionCode.EVENT_BLOCKED;
            case REQUIRED_MISSING -> RejectionCode.MISSING_PLANNED_PROPERTY;
            case TYPE_MISMATCH -> RejectionCode.PLAN_TYPE_MISMATCH;
            case VALUE_NOT_ALLOWED -> RejectionCode.PLAN_VALUE_NOT_ALLOWED;
            case OUT_OF_RANGE -> RejectionCode.PLAN_VALUE_OUT_OF_RANGE;
        };
    }

    private void checkProperties(Map<String, Object> props) {
        if (props.size() > limits.maxProperties()) {
            throw new RejectedException(RejectionCode.TOO_MANY_PROPERTIES, "properties",
                    props.size() + " properties, at most " + limits.maxProperties() + " are allowed");
        }
        for (String name : props.keySet()) {
            if (!Names.isValid(name)) {
                throw new RejectedException(RejectionCode.INVALID_PROPERTY_NAME, "properties." + Fields.abbreviate(name),
                        Names.RULE);
            }
        }
    }

    /** The path of a URL ({@code /p/lut} of {@code https://shop.example/p/lut?x=1}), without URI's strictness or cost. */
    static String pathOf(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? (url.startsWith("/") ? 0 : -1) : url.indexOf('/', scheme + 3);
        if (start < 0) {
            return scheme < 0 ? null : "/";
        }
        int end = start;
        while (end < url.length() && url.charAt(end) != '?' && url.charAt(end) != '#') {
            end++;
        }
        return url.substring(start, end);
    }

    private static <T> T firstNonNull(T a, T b) {
        return a != null ? a : b;
    }

    /** Event and property names: what analyses can name safely. */
    static final class Names {
        static final String RULE = "names are 1–100 characters without control characters";

        static boolean isValid(String name) {
            int n = name.length();
            if (n == 0 || n > 100) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (Character.isISOControl(name.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
