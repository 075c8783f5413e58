package com.dataeye.core.ingest;

import com.dataeye.core.privacy.PiiMode;
import com.dataeye.core.privacy.PiiScrubber;
import com.dataeye.core.project.Project;

import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/**
 * A project's de-identification (PRODUCT.md D3) applied to every string of an event.
 * Ids are always replaced by keyed hashes, never masked: a shop whose login id is the phone
 * number would otherwise merge every {@code 138****1234} into one person.
 */
final class Scrubbers {

    private final PiiScrubber text;
    private final PiiScrubber ids;

    Scrubbers(Project project) {
        this.text = new PiiScrubber(project.piiMode(), project.piiKey());
        this.ids = project.piiMode() == PiiMode.HASH ? text : new PiiScrubber(PiiMode.HASH, project.piiKey());
    }

    String text(String s) {
        if (s == null) {
            return null;
        }
        // A value met again as the same instance (a bulk import's reader hands out one String per repeated value:
        // page URLs and titles, button texts) has the same result: looked up by identity, not scrubbed again.
        // The pair is one immutable object, so threads sharing the table never see one value's input with
        // another's output; a slot lost to a race only costs a scrub.
        int slot = System.identityHashCode(s) & (MEMO_SLOTS - 1);
        Memo m = memo[slot];
        if (m != null && m.in == s) {
            return m.out;
        }
        String out = text.scrub(s);
        memo[slot] = new Memo(s, out);
        return out;
    }

    private static final int MEMO_SLOTS = 1024;

    private record Memo(String in, String out) {}

    private final Memo[] memo = new Memo[MEMO_SLOTS];

    String id(String s) {
        return s == null ? null : ids.scrub(s);
    }

    @SuppressWarnings("unchecked")
    void properties(Map<String, Object> props) {
        for (Map.Entry<String, Object> e : props.entrySet()) {
            Object v = e.getValue();
            if (v instanceof String s) {
                String scrubbed = text.scrub(s);
                if (scrubbed != s) {
                    e.setValue(scrubbed);
                }
            } else if (v instanceof Map<?, ?> m) {
                properties((Map<String, Object>) m);
            } else if (v instanceof List<?> l) {
                list((List<Object>) l);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void list(List<Object> list) {
        for (ListIterator<Object> it = list.listIterator(); it.hasNext(); ) {
            Object v = it.next();
            if (v instanceof String s) {
                String scrubbed = text.scrub(s);
                if (scrubbed != s) {
                    it.set(scrubbed);
                }
            } else if (v instanceof Map<?, ?> m) {
                properties((Map<String, Object>) m);
            } else if (v instanceof List<?> l) {
                list((List<Object>) l);
            }
        }
    }
}
