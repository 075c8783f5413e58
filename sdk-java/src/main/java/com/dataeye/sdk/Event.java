package com.dataeye.sdk;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One event, immutable, as the collector will receive it (docs/api/collector.md).
 *
 * <pre>{@code
 * Event paid = Event.track("order_paid").loginId("user-42")
 *         .property("order_id", "o-1001").property("amount", 39.9).build();
 * }</pre>
 *
 * <p>{@link Builder#build()} gives every event an {@code event_id} (a random UUID) unless you set
 * one: the collector stores a retried event once per id, so an SDK retry after a lost answer never
 * counts twice. Set your own id when the event has a natural one (an order's payment, say) and may
 * be sent again by your own retries. The {@code timestamp} is taken by the client when the event is
 * queued, from its clock, unless you set it.
 *
 * <p>Builders check what the collector would refuse anyway — a missing name or id, a name over 100
 * characters, more than 256 properties — and throw {@link IllegalArgumentException} at once, where
 * the bug is, instead of a refusal reported later on the sender thread.
 *
 * @param type        what kind of event
 * @param name        the event name for {@link EventType#TRACK}, else {@code null}
 * @param eventId     the id the collector deduplicates by
 * @param distinctId  whom the event is about, when neither login nor anonymous id says it
 * @param anonymousId device or cookie id
 * @param loginId     your user id
 * @param itemId      the product of an {@link EventType#ITEM_SET}
 * @param timestamp   when it happened; {@code null} until the client stamps it
 * @param properties  everything else, in insertion order; values are anything Jackson can write
 */
public record Event(EventType type, String name, String eventId, String distinctId, String anonymousId,
                    String loginId, String itemId, Instant timestamp, Map<String, Object> properties) {

    /** The collector's limits on names and properties. */
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_PROPERTIES = 256;

    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(eventId, "eventId");
        properties = properties == null ? Map.of() : Frozen.copyOf(properties);
    }

    /** A {@code track} event: something a person did, such as {@code order_paid}. */
    public static Builder track(String name) {
        return new Builder(EventType.TRACK).name(name);
    }

    /** Links a device's anonymous id to a login id, so the browsing before a login counts for the user. */
    public static Builder identify(String anonymousId, String loginId) {
        return new Builder(EventType.IDENTIFY).anonymousId(anonymousId).loginId(loginId);
    }

    /** An event of any type; {@link #track(String)} and {@link #identify} are the common ones. */
    public static Builder of(EventType type) {
        return new Builder(type);
    }

    /** The value of one property, or {@code null}. */
    public Object property(String name) {
        return properties.get(name);
    }

    /** This event with the timestamp set, if it had none. */
    Event stampedAt(Instant now) {
        return timestamp != null ? this
                : new Event(type, name, eventId, distinctId, anonymousId, loginId, itemId, now, properties);
    }

    /** An unmodifiable copy that is not copied again when an event is stamped. */
    private static final class Frozen extends AbstractMap<String, Object> {
        private final Map<String, Object> map;

        private Frozen(Map<String, Object> map) {
            this.map = map;
        }

        static Map<String, Object> copyOf(Map<String, Object> properties) {
            return properties instanceof Frozen ? properties : of(new LinkedHashMap<>(properties));
        }

        /** Wraps {@code map}, which nobody may change afterwards. */
        static Map<String, Object> of(Map<String, Object> map) {
            return new Frozen(Collections.unmodifiableMap(map));
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return map.entrySet();
        }

        @Override
        public Object get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }
    }

    /** Collects an event's fields; {@link #build()} checks them. Not thread-safe, like any builder. */
    public static final class Builder {
        private final EventType type;
        private String name;
        private String eventId;
        private String distinctId;
        private String anonymousId;
        private String loginId;
        private String itemId;
        private Instant timestamp;
        private Map<String, Object> properties = new LinkedHashMap<>();
        /** The map was handed to a built event; the next change works on a copy. */
        private boolean propertiesShared;

        private Builder(EventType type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public Builder distinctId(String distinctId) {
            this.distinctId = distinctId;
            return this;
        }

        public Builder anonymousId(String anonymousId) {
            this.anonymousId = anonymousId;
            return this;
        }

        public Builder loginId(String loginId) {
            this.loginId = loginId;
            return this;
        }

        public Builder itemId(String itemId) {
            this.itemId = itemId;
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder property(String name, Object value) {
            checkName("property name", name);
            if (propertiesShared) {
                properties = new LinkedHashMap<>(properties);
                propertiesShared = false;
            }
            properties.put(name, value);
            return this;
        }

        public Builder properties(Map<String, ?> values) {
            values.forEach(this::property);
            return this;
        }

        public Event build() {
            if (type == EventType.TRACK) {
                checkName("event name", name);
            } else if (name != null) {
                throw new IllegalArgumentException(type.wire() + " events have no name of their own, got '" + name + "'");
            }
            if (type == EventType.ITEM_SET && blank(itemId)) {
                throw new IllegalArgumentException("item_set needs an item id");
            }
            // the collector wants an id on every event; a product's is its item id
            String distinct = type == EventType.ITEM_SET && blank(distinctId) && blank(loginId) && blank(anonymousId)
                    ? itemId : distinctId;
            if (blank(distinct) && blank(loginId) && blank(anonymousId)) {
                throw new IllegalArgumentException("an event needs a login id, an anonymous id or a distinct id");
            }
            if (type == EventType.IDENTIFY && (blank(loginId) || blank(anonymousId))) {
                throw new IllegalArgumentException("identify needs both the anonymous id and the login id it links");
            }
            if (properties.size() > MAX_PROPERTIES) {
                throw new IllegalArgumentException(properties.size() + " properties, the collector takes at most " + MAX_PROPERTIES);
            }
            String id = eventId != null ? eventId : EventIds.next();
            propertiesShared = true;
            return new Event(type, name, id, distinct, anonymousId, loginId, itemId, timestamp, Frozen.of(properties));
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        private static void checkName(String what, String value) {
            if (value == null || value.isEmpty() || value.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException(what + " must have 1–" + MAX_NAME_LENGTH + " characters, got "
                        + (value == null ? "null" : value.length() + ": '" + abbreviate(value) + "'"));
            }
            for (int i = 0; i < value.length(); i++) {
                if (Character.isISOControl(value.charAt(i))) {
                    throw new IllegalArgumentException(what + " must not contain control characters: '" + abbreviate(value) + "'");
                }
            }
        }

        private static String abbreviate(String s) {
            return s.length() <= 40 ? s : s.substring(0, 40) + "…";
        }
    }
}
