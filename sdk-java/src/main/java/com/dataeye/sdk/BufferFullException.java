package com.dataeye.sdk;

/**
 * The buffer stayed full for {@code max.block.ms} under {@link OnFull#BLOCK}: the collector is
 * unreachable or slower than the application. The event was not queued.
 */
public class BufferFullException extends RuntimeException {

    public BufferFullException(String message) {
        super(message);
    }
}
