package com.dataeye.core.privacy;

import java.util.Locale;

/** The kinds of personal data {@link PiiScrubber} recognises. */
public enum PiiKind {
    /** Mainland China mobile number, e.g. {@code 13812341234}, {@code +86 138-1234-1234}. */
    PHONE,
    /** E-mail address. */
    EMAIL,
    /** 18-character resident identity card number (GB 11643) with a valid birth date and check digit. */
    ID_CARD,
    /** Payment card number (13–19 digits) passing the Luhn check. */
    BANK_CARD;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** Lower-case name used in hash tokens, e.g. {@code pii:phone:…}, {@code pii:id_card:…}. */
    public String tag() {
        return tag;
    }
}
