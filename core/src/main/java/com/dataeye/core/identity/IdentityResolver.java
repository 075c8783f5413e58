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

    private final ConcurrentHashMap<String, String> personByDistinctId = new ConcurrentHashMap<>();

    /** The person an id currently resolves to: its linked login, or the id itself. */
    public String personOf(String projectId, String distinctId) {
        String person = personByDistinctId.get(key(projectId, distinctId));
        return person != null ? person : distinctId;
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
        String previous = personByDistinctId.putIfAbsent(key(projectId, anonymousId), loginId);
        return previous == null
                ? Optional.of(new IdentityLink(projectId, anonymousId, loginId, at))
                : Optional.empty();
    }

    /** Restores a link read back from the store at start-up. */
    public void restore(IdentityLink link) {
        personByDistinctId.putIfAbsent(key(link.projectId(), link.distinctId()), link.personId());
    }

    /** Forgets a link whose commit failed, so memory does not claim what the store lacks. */
    public void forget(IdentityLink link) {
        personByDistinctId.remove(key(link.projectId(), link.distinctId()), link.personId());
    }

    public int size() {
        return personByDistinctId.size();
    }

    private static String key(String projectId, String distinctId) {
        return projectId + '\u0000' + distinctId;
    }
}
