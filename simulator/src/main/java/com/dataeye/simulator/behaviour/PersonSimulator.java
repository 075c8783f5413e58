package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.SimulationConfig;
import com.dataeye.simulator.catalog.Catalog;
import com.dataeye.simulator.output.SimulatedEvent;
import com.dataeye.simulator.population.AcquisitionChannel;
import com.dataeye.simulator.population.Ids;
import com.dataeye.simulator.population.Person;
import com.dataeye.simulator.population.PersonFactory;
import com.dataeye.simulator.population.Segment;
import com.dataeye.simulator.population.SegmentMix;
import com.dataeye.simulator.truth.PlantedTruths;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates one person from arrival to the end of the run: plans their visits, then plays each session —
 * landing, looking around, buying, sharing — and finally adds what happens outside sessions (refunds, the
 * NPS answer, pushes). Only the person's own random stream is used, so persons are independent of each
 * other and of the order they are simulated in.
 */
public final class PersonSimulator {

    private static final double SECOND_DEVICE_USE = 0.35;
    private static final double INVITEE_SIGNS_UP = 0.8;

    private final long seed;
    private final ShopCalendar calendar;
    private final Catalog catalog;
    private final PersonFactory persons;
    private final PlantedTruths truths;
    private final VisitPlanner visits;
    private final PurchasePlanner purchases = new PurchasePlanner();
    private final Browsing browsing;
    private final Shopping shopping;
    private final Engagement engagement;
    private final Notifications notifications;

    public PersonSimulator(SimulationConfig config, Catalog catalog) {
        this.seed = config.seed();
        this.truths = config.truths();
        this.calendar = new ShopCalendar(config);
        this.catalog = catalog;
        SegmentMix mix = SegmentMix.plan(truths, PurchasePlanner.chanceRegularBuys(truths.paymentExperiment()));
        this.persons = new PersonFactory(seed, config.persons(), truths, mix);
        this.visits = new VisitPlanner(calendar, new ArrivalCalendar(calendar, seed), truths, mix);
        this.browsing = new Browsing(catalog, calendar);
        Checkout checkout = new Checkout(truths.paymentExperiment(), truths.nullExperiment(), browsing, calendar);
        this.shopping = new Shopping(catalog, checkout, truths);
        this.engagement = new Engagement(truths, browsing);
        this.notifications = new Notifications(calendar);
    }

    public PersonRun simulate(int index) {
        SplittableRandom random = persons.streamOf(index);
        Person person = persons.create(index, random);
        Visitor v = new Visitor(seed, person, random);
        long[] starts = visits.plan(person, v.random);
        Segment planned = person.plannedSegment();
        int[] intents = purchases.intentsPerSession(planned, starts.length, v.random);
        int[] shares = spread(engagement.sharesPlanned(planned, v.random), starts.length, v);
        int[] invites = spread(engagement.invitesPlanned(planned, v.random), starts.length, v);
        for (int s = 0; s < starts.length; s++) {
            v.tracker.startSession(device(v), starts[s]);
            arrive(v, s == 0);
            browsing.wander(v, pages(v));
            shopping.shop(v, intents[s], s == starts.length - 1);
            for (int i = 0; i < shares[s]; i++) {
                engagement.share(v);
            }
            for (int i = 0; i < invites[s]; i++) {
                engagement.invite(v);
            }
            int day = calendar.dayOf(starts[s]);
            v.sessions.add(v.tracker.endSession(calendar.dayStart(day + 1)));
        }
        Checkout.refunds(v, calendar.endMillis());
        engagement.maybeAnswerSurvey(v, realisedSegment(v));
        notifications.send(v);
        List<SimulatedEvent> events = v.tracker.events();
        events.sort(Comparator.comparingLong(SimulatedEvent::timestamp));
        return new PersonRun(person, events);
    }

    /** The first session lands through the person's channel; later ones come back direct, some to a favourite. */
    private void arrive(Visitor v, boolean first) {
        if (first) {
            Landing landing = Landing.of(v.person, catalog, v.random);
            v.tracker.open(landing.page(), landing.referrer(), landing.signals());
            if (landing.product() != null) {
                browsing.trackProductView(v, landing.product());
            }
            v.tracker.advance(v.dwell());
            boolean invited = v.person.channel() == AcquisitionChannel.INVITE;
            if ((invited && v.random.nextDouble() < INVITEE_SIGNS_UP) || v.person.plannedSegment() == Segment.CONTRIBUTOR) {
                v.accounts.signUp(v.tracker, invited ? Ids.inviteCode(v.person.inviterIndex()) : null, v.random);
            }
            return;
        }
        if (!v.favourites.isEmpty() && v.random.nextDouble() < 0.3) {
            v.tracker.open(Pages.product(v.favourites.get(v.random.nextInt(v.favourites.size())).product()));
        } else {
            v.tracker.open(Pages.HOME);
        }
        v.tracker.advance(v.dwell());
        v.accounts.logInIfNeeded(v.tracker, v.random);
    }

    /** Before signing up a person has only the device they arrived on; afterwards some use a second one. */
    private static int device(Visitor v) {
        if (!v.accounts.signedUp() || !v.person.hasSecondDevice()) {
            return 0;
        }
        return v.random.nextDouble() < SECOND_DEVICE_USE ? 1 : 0;
    }

    /** Page changes after landing: observers often bounce, whales look around longest. */
    private static int pages(Visitor v) {
        double bounce = switch (v.person.plannedSegment()) {
            case OBSERVER -> 0.65;
            case REGULAR -> 0.4;
            case CONTRIBUTOR -> 0.3;
            case WHALE -> 0.2;
        };
        if (v.random.nextDouble() < bounce) {
            return 0;
        }
        int pages = 1;
        while (pages < 12 && v.random.nextDouble() < 0.3) {
            pages++;
        }
        return pages;
    }

    private Segment realisedSegment(Visitor v) {
        return truths.segmentRules().classify(v.purchases.netCents(), v.shares, v.invitesSent, v.purchases.paid().size());
    }

    private static int[] spread(int count, int sessions, Visitor v) {
        int[] perSession = new int[sessions];
        for (int i = 0; i < count; i++) {
            perSession[v.random.nextInt(sessions)]++;
        }
        return perSession;
    }
}
