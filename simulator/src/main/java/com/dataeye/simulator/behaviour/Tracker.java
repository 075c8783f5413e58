package com.dataeye.simulator.behaviour;

import com.dataeye.core.event.EventType;
import com.dataeye.simulator.output.SimulatedEvent;
import com.dataeye.simulator.population.Device;
import com.dataeye.simulator.population.Ids;
import com.dataeye.simulator.population.Person;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SDKs of one person: turns what the person does into events with the right ids, device properties,
 * page context and time. Client events carry the device's anonymous id, plus the login id once the person
 * has signed up or logged in on that device (the collector links the two); server events carry the login
 * id only. Autocapture is here too: every page change emits the {@code $WebStay} of the page left and the
 * {@code $pageview} of the page entered.
 */
final class Tracker {

    /** Sessions end this long before midnight, so a session never spills into the next day's retention. */
    private static final long MIDNIGHT_MARGIN = 60_000;

    private final String eventIdPrefix;
    private final Person person;
    private final List<SimulatedEvent> events = new ArrayList<>(48);
    private final boolean[] loggedIn;
    private int sequence;
    private long now;
    private int deviceNumber;
    private Device device;
    private Page page;
    private long pageOpenedAt;
    private int sessionFirstEvent;
    private long sessionStart;
    private final Set<String> exposedThisSession = new HashSet<>(4);

    Tracker(long seed, Person person) {
        this.eventIdPrefix = Ids.eventIdPrefix(seed, person.index());
        this.person = person;
        this.loggedIn = new boolean[person.devices().size()];
    }

    List<SimulatedEvent> events() {
        return events;
    }

    long now() {
        return now;
    }

    void advance(long millis) {
        now += millis;
    }

    Page page() {
        return page;
    }

    boolean loggedInHere() {
        return loggedIn[deviceNumber];
    }

    void startSession(int device, long at) {
        deviceNumber = device;
        this.device = person.devices().get(device);
        now = Math.max(at, now);
        sessionStart = now;
        sessionFirstEvent = events.size();
        page = null;
        exposedThisSession.clear();
    }

    /**
     * {@code experiment_exposure}, once per experiment and session as experiment SDKs do: the variant is
     * sticky, so repeating it on every page view would add volume and no information.
     */
    void expose(String experiment, String variant) {
        if (!exposedThisSession.add(experiment)) {
            return;
        }
        Map<String, Object> props = clientProperties();
        props.put("experiment", experiment);
        props.put("variant", variant);
        track("experiment_exposure", props);
    }

    /** Closes the page on screen and moves the session back if it would run past {@code dayEnd - 1 min}. */
    SessionRecord endSession(long dayEnd) {
        closePage();
        long latest = dayEnd - MIDNIGHT_MARGIN;
        long last = events.isEmpty() ? now : events.get(events.size() - 1).timestamp();
        if (last > latest) {
            long shift = last - latest;
            for (int i = sessionFirstEvent; i < events.size(); i++) {
                events.set(i, events.get(i).at(events.get(i).timestamp() - shift));
            }
            sessionStart -= shift;
            now -= shift;
        }
        return new SessionRecord(sessionStart, Math.min(now, latest), deviceNumber, loggedIn[deviceNumber]);
    }

    /** Autocapture: {@code $WebStay} for the page left, {@code $pageview} for {@code next}. */
    void open(Page next, String referrer, Map<String, Object> landingSignals) {
        String previous = page == null ? referrer : page.url();
        closePage();
        page = next;
        pageOpenedAt = now;
        Map<String, Object> props = clientProperties();
        if (previous != null) {
            props.put("$referrer", previous);
        }
        if (landingSignals != null) {
            props.putAll(landingSignals);
        }
        track("$pageview", props);
    }

    void open(Page next) {
        open(next, null, null);
    }

    /** Autocapture of a click on the current page. */
    void click(String selector, String content) {
        Map<String, Object> props = clientProperties();
        props.put("$element_selector", selector);
        props.put("$element_content", content);
        track("$WebClick", props);
    }

    private void closePage() {
        if (page == null) {
            return;
        }
        Map<String, Object> props = clientProperties();
        props.put("$event_duration", Math.max(1, now - pageOpenedAt) / 1000.0);
        track("$WebStay", props);
        page = null;
    }

    /** Properties every client event carries: the SDK, the device, and the page on screen. */
    Map<String, Object> clientProperties() {
        Map<String, Object> props = deviceProperties(device);
        if (page != null) {
            props.put("$url", page.url());
            props.put("$title", page.title());
        }
        return props;
    }

    /** Device properties as they were in a finished session, for events placed after the fact. */
    Map<String, Object> clientProperties(SessionRecord session) {
        return deviceProperties(person.devices().get(session.device()));
    }

    private static Map<String, Object> deviceProperties(Device device) {
        Map<String, Object> props = new LinkedHashMap<>(16);
        props.put("$lib", device.kind().lib());
        props.put("$lib_version", device.kind().libVersion());
        props.put("$os", device.os());
        props.put("$device_type", device.kind().deviceType());
        return props;
    }

    /** A client event on a finished session's device, with the ids that device had then. */
    void trackAt(SessionRecord session, long at, String name, Map<String, Object> props) {
        add(EventType.TRACK, name, person.devices().get(session.device()).anonymousId(),
                session.loggedIn() ? person.loginId() : null, at, props);
    }

    /** An explicit client event on the current page. */
    void track(String name, Map<String, Object> props) {
        add(EventType.TRACK, name, device.anonymousId(), loggedIn[deviceNumber] ? person.loginId() : null, now, props);
    }

    /** Links the device to the login id: the track event carries both ids, then an explicit {@code identify}. */
    void logIn(String eventName, Map<String, Object> props) {
        loggedIn[deviceNumber] = true;
        track(eventName, props);
        add(EventType.IDENTIFY, null, device.anonymousId(), person.loginId(), now, clientProperties());
    }

    /** An event the shop's backend sends (payment callback, refund, push service), keyed by the login id. */
    void server(String name, long at, Map<String, Object> props) {
        add(EventType.TRACK, name, null, person.loginId(), at, withServerLib(props));
    }

    void serverProfile(EventType type, long at, Map<String, Object> props) {
        add(type, null, null, person.loginId(), at, withServerLib(props));
    }

    static Map<String, Object> withServerLib(Map<String, Object> props) {
        Map<String, Object> all = new LinkedHashMap<>(props.size() + 2);
        all.put("$lib", SimulatedEvent.SERVER_LIB);
        all.put("$lib_version", SimulatedEvent.SERVER_LIB_VERSION);
        all.putAll(props);
        return all;
    }

    private void add(EventType type, String name, String anonymousId, String loginId, long at, Map<String, Object> props) {
        events.add(new SimulatedEvent(type, name, eventIdPrefix + Integer.toString(sequence++, 36), anonymousId, loginId,
                null, null, at, props));
    }
}
