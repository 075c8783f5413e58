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
    void linkedPersonOfNamesOnlyALinkedId() {
        IdentityResolver r = new IdentityResolver();
        r.link("shop", "anon-phone", "user-42", now);
        assertThat(r.linkedPersonOf("shop", "anon-phone")).isEqualTo("user-42");
        assertThat(r.linkedPersonOf("shop", "anon-laptop")).isNull();
        assertThat(r.linkedPersonOf("other", "anon-phone")).isNull();
    }
}
