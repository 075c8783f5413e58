package com.dataeye.core.identity;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityResolverTest {

    private final Instant now = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void anonymousIdResolvesToLoginAfterIdentify() {
        IdentityResolver r = new IdentityResolver();
        assertThat(r.personOf("shop", "anon-phone")).isEqualTo("anon-phone");
        assertThat(r.link("shop", "anon-phone", "user-42", now)).isPresent();
        assertThat(r.personOf("shop", "anon-phone")).isEqualTo("user-42");
    }

    @Test
    void twoDevicesOfOneLoginResolveToOnePerson() {
        IdentityResolver r = new IdentityResolver();
        r.link("shop", "anon-phone", "user-42", now);
        r.link("shop", "anon-laptop", "user-42", now);
        assertThat(r.personOf("shop", "anon-phone")).isEqualTo(r.personOf("shop", "anon-laptop"));
    }

    @Test
    void firstLoginWinsOnASharedDevice() {
        IdentityResolver r = new IdentityResolver();
        r.link("shop", "anon-tablet", "user-1", now);
        assertThat(r.link("shop", "anon-tablet", "user-2", now)).isEmpty();
        assertThat(r.personOf("shop", "anon-tablet")).isEqualTo("user-1");
    }

    @Test
    void linksAreKeptApartPerProject() {
        IdentityResolver r = new IdentityResolver();
        r.link("shop-a", "anon", "user-1", now);
        assertThat(r.personOf("shop-b", "anon")).isEqualTo("anon");
    }

    @Test
    void forgottenLinkNoLongerResolves() {
        IdentityResolver r = new IdentityResolver();
        IdentityLink link = r.link("shop", "anon", "user-1", now).orElseThrow();
        r.forget(link);
        assertThat(r.personOf("shop", "anon")).isEqualTo("anon");
    }

    @Test
    void aMarkListsExactlyTheLinksMadeAfterItUntilReleased() {
        IdentityResolver r = new IdentityResolver();
        r.link("shop", "anon-before", "user-1", now);
        long first = r.mark();
        r.link("shop", "anon-a", "user-2", now);
        long second = r.mark();
        r.link("shop", "anon-b", "user-3", now);
        r.link("shop", "anon-a", "user-9", now); // already linked: nothing made
        assertThat(r.linksSince(first)).extracting(IdentityLink::distinctId).containsExactly("anon-a", "anon-b");
        assertThat(r.linksSince(second)).extracting(IdentityLink::distinctId).containsExactly("anon-b");
        r.release(first);
        assertThat(r.linksSince(second)).extracting(IdentityLink::distinctId).containsExactly("anon-b");
        r.release(second);
        // nobody holds a mark: nothing is kept, and a new mark starts empty
        r.link("shop", "anon-c", "user-4", now);
        long third = r.mark();
        assertThat(r.linksSince(third)).isEmpty();
        r.link("shop", "anon-d", "user-4", now);
        assertThat(r.linksSince(third)).extracting(IdentityLink::personId).containsExactly("user-4");
    }
}
