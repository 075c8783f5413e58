package com.dataeye.server.project;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Key formats. A write key ({@code wk_…}) is public: it sits in web pages and apps and can only
 * send events. A secret key ({@code sk_<id>_<secret>}) reads data and must stay on servers; only
 * its id and a hash of it are stored.
 */
public final class Keys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private Keys() {}

    public static String newWriteKey() {
        return "wk_" + random(24);
    }

    /** A new secret key; {@link #secretKeyId} gives the part that is stored in clear. */
    public static String newSecretKey() {
        return "sk_" + random(8) + "_" + random(32);
    }

    public static String secretKeyId(String secretKey) {
        if (secretKey == null || !secretKey.startsWith("sk_")) {
            return null;
        }
        int end = secretKey.indexOf('_', 3);
        return end < 0 ? null : secretKey.substring(0, end);
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean matchesHash(String secretKey, String storedHash) {
        return MessageDigest.isEqual(sha256(secretKey).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    public static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
