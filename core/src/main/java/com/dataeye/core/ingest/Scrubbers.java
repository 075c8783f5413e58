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
        return s == null ? null : text.scrub(s);
    }

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
