package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.catalog.Product;
import com.dataeye.simulator.population.Person;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** One person being simulated: who they are, their random stream, and what they have done so far. */
final class Visitor {

    record Favourite(Product product, long at) {
    }

    final Person person;
    final SplittableRandom random;
    final Tracker tracker;
    final Accounts accounts = new Accounts();
    final Purchases purchases = new Purchases();
    final List<Favourite> favourites = new ArrayList<>(2);
    final List<SessionRecord> sessions = new ArrayList<>();
    /** Whether the planted image-pack follow-up has been decided (once, after the first layout template). */
    boolean followUpDecided;
    int shares;
    int invitesSent;

    Visitor(long seed, Person person, SplittableRandom random) {
        this.person = person;
        this.random = random;
        this.tracker = new Tracker(seed, person);
    }

    /** Uniform in [from, to) milliseconds: the small pauses between a person's actions. */
    long pause(long from, long to) {
        return from + random.nextLong(to - from);
    }

    /** How long a page stays on screen: mostly seconds, sometimes minutes, capped at five. */
    long dwell() {
        return Math.min(300_000, 2_000 + (long) (-20_000 * Math.log(1 - random.nextDouble())));
    }
}
