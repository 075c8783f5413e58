package com.dataeye.sdk;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Random (version 4) UUIDs for {@code event_id}, from one generator per thread.
 * {@link UUID#randomUUID()} draws from the JVM's shared {@link SecureRandom}, whose lock the
 * tracking threads of a busy server would queue on. Ids need to be unique, not unguessable: each
 * thread's L128X256MixRandom (384 bits of state, seeded from {@code SecureRandom}) makes a
 * collision between any two of the 122-bit ids as unlikely as with {@code randomUUID}.
 */
final class EventIds {

    private static final SecureRandom SEEDS = new SecureRandom();
    private static final ThreadLocal<RandomGenerator> RANDOM = ThreadLocal.withInitial(EventIds::seeded);

    private EventIds() {
    }

    private static RandomGenerator seeded() {
        byte[] seed = new byte[48];
        SEEDS.nextBytes(seed);
        return RandomGeneratorFactory.of("L128X256MixRandom").create(seed);
    }

    static String next() {
        RandomGenerator r = RANDOM.get();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(msb, lsb).toString();
    }
}
