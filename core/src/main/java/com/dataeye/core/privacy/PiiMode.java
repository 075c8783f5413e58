package com.dataeye.core.privacy;

/** How a project de-identifies personal data found in string properties before storage. */
public enum PiiMode {
    /** Keep a recognisable shape: {@code 13812341234} becomes {@code 138****1234}. */
    MASK,
    /** Replace with a keyed hash (HMAC-SHA256, project key), so equal values stay joinable. */
    HASH
}
