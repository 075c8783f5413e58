package com.dataeye.core.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the id an event was sent with to the person it belongs to (PRODUCT.md C7).
 *
 * <p>Rules, chosen to match what Sensors' "simple ID mapping" users expect:
 * <ul>
 *   <li>a login id is its own person: {@code person_id = login_id};</li>
 *   <li>an anonymous id linked by {@code identify} (or by any event carrying both ids) belongs
 *       to that login's person from then on, and queries re-attribute its earlier events too,
 *       because they resolve through the stored links;</li>
 *   <li>the first login wins: an anonymous id already linked is not moved to a second login
 *       (a shared tablet must not merge two customers);</li>
 *   <li>several devices may link to one login, so a person spans devices.</li>
 * </ul>
 * Only linked anonymous ids take memory here; the store holds the same links durably and the
 * resolver is rebuilt from it on start.
 */
public final class IdentityResolver {

    // per project, then per id: a lookup (every event does one) builds no key string
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, String>> personByDistinctId = new ConcurrentHashMap<>();

    /** The person an id currently resolves to: its linked login, or the id itself. */
    public String personOf(String projectId, String distinctId) {
        ConcurrentHashMap<String, String> project = personByDistinctId.get(projectId);
        String person = project == null ? null : project.get(distinctId);
        return person != null ? person : distinctId;
    }

    /** The person {@code distinctId} is linked to, or {@code null} when it is not linked (unlike {@link #personOf}). */
    public String linkedPersonOf(String projectId, String distinctId) {
        ConcurrentHashMap<String, String> project = personByDistinctId.get(projectId);
        return project == null ? null : project.get(distinctId);
    }

    /**
     * Links {@code anonymousId} to {@code loginId} unless it is linked already.
     *
     * @return the new link to persist, or empty when nothing changed
     */
    public Optional<IdentityLink> link(String projectId, String anonymousId, String loginId, Instant at) {
        if (anonymousId == null || loginId == null || anonymousId.equals(loginId)) {
            return Optional.empty();
        }
        String previous = linksOf(projectId).putIfAbsent(anonymousId, loginId);
        return previous == null
                ? Optional.of(new IdentityLink(projectId, anonymousId, loginId, at))
                : Optional.empty();
    }

    /** Restores a link read back from the store at start-up. */
    public void restore(IdentityLink link) {
        linksOf(link.projectId()).putIfAbsent(link.distinctId(), link.personId());
    }

    /** Forgets a link whose commit failed, so memory does not claim what the store lacks. */
    public void forget(IdentityLink link) {
        ConcurrentHashMap<String, String> project = personByDistinctId.get(link.projectId());
        if (project != null) {
            project.remove(link.distinctId(), link.personId());
        }
    }

    public int size() {
        int n = 0;
        for (ConcurrentHashMap<String, String> project : personByDistinctId.values()) {
            n += project.size();
        }
        return n;
    }

    private ConcurrentHashMap<String, String> linksOf(String projectId) {
        return personByDistinctId.computeIfAbsent(projectId, p -> new ConcurrentHashMap<>());
    }
}
