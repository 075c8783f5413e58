package com.dataeye.sdk.internals;

import com.dataeye.sdk.DeliveryFailure;

import java.lang.System.Logger.Level;

/**
 * The client's one background thread (Kafka's {@code Sender}): takes batches from the buffer and
 * delivers them one after another, so events arrive in the order they were queued and the
 * collector sees at most one request per client at a time. It stops when the buffer is closed and
 * empty, or when interrupted by a close that ran out of time — then what is left is reported as
 * {@link DeliveryFailure#CLOSED}. Only {@code close} interrupts it: the thread is the client's own.
 */
public final class Sender implements Runnable {

    private static final System.Logger LOG = System.getLogger("com.dataeye.sdk");

    private final EventBuffer buffer;
    private final BatchDelivery delivery;

    public Sender(EventBuffer buffer, BatchDelivery delivery) {
        this.buffer = buffer;
        this.delivery = delivery;
    }

    @Override
    public void run() {
        try {
            Batch batch;
            while ((batch = buffer.nextBatch()) != null) {
                try {
                    delivery.deliver(batch);
                } catch (InterruptedException e) {
                    delivery.failAll(batch, DeliveryFailure.CLOSED, "the client was closed before the collector answered");
                    buffer.complete(batch);
                    abandonUnsent();
                    return;
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.ERROR, "DataEye: unexpected error while sending a batch", e);
                    delivery.failAll(batch, DeliveryFailure.INTERNAL_ERROR, e.toString());
                }
                buffer.complete(batch);
            }
        } catch (InterruptedException e) {
            abandonUnsent();
        } finally {
            delivery.close();
        }
    }

    private void abandonUnsent() {
        for (Batch rest : buffer.takeUnsent()) {
            LOG.log(Level.WARNING, "DataEye: closed with {0} events not delivered", rest.events());
            delivery.failAll(rest, DeliveryFailure.CLOSED, "the client was closed before the event was sent");
            buffer.complete(rest);
        }
    }
}
