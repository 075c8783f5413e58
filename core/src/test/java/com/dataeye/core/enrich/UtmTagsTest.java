package com.dataeye.core.enrich;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UtmTagsTest {

    @Test
    void readsEveryTagOfTheQueryStringButNotTheFragment() {
        UtmTags t = UtmTags.of("https://shop.example/p?x=1&utm_source=zsxq&utm_medium=community"
                + "&utm_campaign=lut&utm_content=banner&utm_term=%E8%B0%83%E8%89%B2#utm_source=other");
        assertThat(t).isEqualTo(new UtmTags("zsxq", "community", "lut", "banner", "调色"));
    }

    @Test
    void keepsAMalformedEscapeAsSentInsteadOfFailing() {
        assertThat(UtmTags.of("https://shop.example/?utm_source=100%zz").source()).isEqualTo("100%zz");
    }

    @Test
    void answersNothingForUrlsWithoutTags() {
        assertThat(UtmTags.of(null).source()).isNull();
        assertThat(UtmTags.of("https://shop.example/utm_guide").source()).isNull();
        assertThat(UtmTags.of("https://shop.example/?utm_source=&utm_medium").source()).isNull();
    }
}
