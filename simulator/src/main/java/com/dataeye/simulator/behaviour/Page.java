package com.dataeye.simulator.behaviour;

/**
 * A page of the shop as autocapture sees it.
 *
 * @param url   absolute URL, query included
 * @param title the document title
 */
record Page(String url, String title) {

    /** The same page reached through a tagged link, e.g. {@code ?utm_source=douyin&…}. */
    Page withQuery(String query) {
        if (query == null || query.isEmpty()) {
            return this;
        }
        return new Page(url + (url.indexOf('?') < 0 ? '?' : '&') + query, title);
    }
}
