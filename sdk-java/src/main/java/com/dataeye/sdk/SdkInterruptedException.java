package com.dataeye.sdk;

/**
 * The calling thread was interrupted while it waited for room in the buffer or for a flush. The
 * interrupt flag is set again, so the caller's own cancellation still works; unchecked so that
 * tracking calls do not force {@code throws InterruptedException} through application code.
 */
public class SdkInterruptedException extends RuntimeException {

    public SdkInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
        Thread.currentThread().interrupt();
    }
}
