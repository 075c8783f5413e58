package com.dataeye.core.privacy;

import com.dataeye.core.privacy.PiiFinder.Match;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * De-identifies personal information in free-text string values on the way in, before anything is stored.
 *
 * <p>Why: under the PIPL (Personal Information Protection Law of the PRC) personal information should be
 * minimised and de-identified as early as possible. Event properties are free text filled by SDKs and
 * customers, and regularly carry phone numbers or e-mail addresses ("请联系13812341234"). Scrubbing at ingest
 * means raw values never reach storage, logs or exports.
 *
 * <p>What is matched, anywhere inside longer text (Chinese text and punctuation around it are fine). Only
 * ASCII digits count; a digit value must not touch an ASCII letter or digit on either side, so it is never
 * cut out of a longer number, an order id or a SKU token:
 * <ul>
 *   <li>{@link PiiKind#PHONE}: mainland mobile {@code 1[3-9]} + 9 digits, optionally prefixed by {@code +86}
 *       or {@code 86}, written contiguously or as 3-4-4 groups separated by one space or dash.</li>
 *   <li>{@link PiiKind#EMAIL}: {@code local@domain.tld} (local part {@code [A-Za-z0-9._%+-]}, top-level
 *       domain of at least two letters).</li>
 *   <li>{@link PiiKind#ID_CARD}: 18-character resident ID (17 digits + digit or {@code X/x}) with a plausible
 *       birth date and a valid ISO 7064 MOD 11-2 check character. Old 15-digit IDs are not matched.</li>
 *   <li>{@link PiiKind#BANK_CARD}: 13–19 digits, contiguous or in groups of four separated by one space or
 *       dash, passing the Luhn check and starting with a card-network prefix (3, 4, 5, 6, 9, or 2221–2720;
 *       13 digits only with 4), so epoch millis ({@code 1732531200000}), date-based order ids and EAN-13
 *       barcodes never qualify even when they happen to pass Luhn.</li>
 * </ul>
 * Where matches overlap, the e-mail address wins (it is the wider value), then ID card, bank card, phone.
 *
 * <p>{@link PiiMode#MASK} keeps a recognisable shape: {@code 138****1234}, {@code z***@example.com},
 * {@code 110105********002X}, {@code 411111******1111}. {@link PiiMode#HASH} replaces each value with
 * {@code pii:<kind>:} + 16 hex chars of HMAC-SHA256(project key, {@code kind + ":" + normalised value}), so
 * equal values stay joinable within a project but not across projects. Normalisation: digits only (phones
 * without the 86 country code, ID check character upper-cased), e-mail lower-cased.
 *
 * <p>Built for the ingest hot path: {@link #scrub} first does one allocation-free pass over the chars
 * ({@link #mightContainPii}) and returns the same instance unless the text contains {@code '@'} or a digit
 * run of a shape that could match; only then are the precompiled patterns run. Instances are immutable and
 * thread-safe.
 */
public final class PiiScrubber {

    /** Scrubbed text and how many personal values were replaced (for metrics). */
    public record ScrubResult(String text, int found) {
    }

    private static final HexFormat HEX = HexFormat.of();

    private final PiiMode mode;
    private final ThreadLocal<Mac> macs;

    /**
     * @param mode    how found values are replaced
     * @param hashKey the project's secret key for {@link PiiMode#HASH} (required, non-empty); ignored for MASK
     */
    public PiiScrubber(PiiMode mode, byte[] hashKey) {
        this.mode = Objects.requireNonNull(mode, "mode");
        if (mode == PiiMode.HASH) {
            if (hashKey == null || hashKey.length == 0) {
                throw new IllegalArgumentException("HASH mode needs a non-empty project key");
            }
            SecretKeySpec key = new SecretKeySpec(Arrays.copyOf(hashKey, hashKey.length), "HmacSHA256");
            newMac(key); // fail fast if HMAC-SHA256 is unavailable
            this.macs = ThreadLocal.withInitial(() -> newMac(key));
        } else {
            this.macs = null;
        }
    }

    /** Returns {@code text} with personal values replaced, or the same instance if none is found. */
    public String scrub(String text) {
        return mightContainPii(text) ? scrubCandidate(text).text() : text;
    }

    /** Like {@link #scrub} but also reports how many values were replaced. */
    public ScrubResult scrubWithCount(String text) {
        return mightContainPii(text) ? scrubCandidate(text) : new ScrubResult(text, 0);
    }

    /**
     * Cheap, allocation-free pre-check; {@code false} means {@link #scrub} certainly finds nothing. True if the
     * text contains {@code '@'}, a group of 11 or 13–19 digits (or 17 digits + X), or short groups of at most
     * five digits joined by single spaces/dashes that add up to at least 11 digits ({@code 138 1234 1234}).
     * Groups of 6–10 or 12 digits ({@code 20261125-0042}, 12-digit product ids) can never be part of a match,
     * nor can a group touching an ASCII letter (a match never does, but for an ID card's final X), such as
     * the digits of a hex device id ({@code 29fda47a65472ba8}): those ids came on every event of an import.
     */
    public static boolean mightContainPii(String text) {
        if (text == null) {
            return false;
        }
        int group = 0; // digits in the current unbroken group
        int run = 0;   // digits in earlier short groups joined to this one by single separators
        for (int i = 0, n = text.length(); i <= n; i++) {
            char c = i < n ? text.charAt(i) : '\0';
            if (c >= '0' && c <= '9') {
                group++;
                continue;
            }
            if (c == '@') {
                return true;
            }
            if (group == 0) {
                continue;
            }
            if (touchesLetter(text, i - group, c, group)) {
                run = 0;
                group = 0;
                continue;
            }
            if (group == 11 || (group >= 13 && group <= 19) || (group == 17 && (c == 'X' || c == 'x'))) {
                return true;
            }
            run = group <= 5 ? run + group : 0;
            if (run >= 11) {
                return true;
            }
            if ((c != ' ' && c != '-') || i + 1 >= n || !PiiFinder.isDigit(text.charAt(i + 1))) {
                run = 0;
            }
            group = 0;
        }
        return false;
    }

    /** Whether the digit group at {@code [start, start + group)}, followed by {@code after}, has an ASCII letter next to it. */
    private static boolean touchesLetter(String text, int start, char after, int group) {
        boolean idCardCheck = group == 17 && (after == 'X' || after == 'x');
        return (start > 0 && isAsciiLetter(text.charAt(start - 1))) || (isAsciiLetter(after) && !idCardCheck);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The full search, without the pre-check (package-private so tests can verify the pre-check is safe). */
    ScrubResult scrubCandidate(String text) {
        List<Match> matches = PiiFinder.find(text);
        if (matches.isEmpty()) {
            return new ScrubResult(text, 0);
        }
        matches.sort(Comparator.comparingInt(Match::start));
        StringBuilder out = new StringBuilder(text.length() + 16);
        int pos = 0;
        for (Match match : matches) {
            out.append(text, pos, match.start()).append(replacement(text, match));
            pos = match.end();
        }
        return new ScrubResult(out.append(text, pos, text.length()).toString(), matches.size());
    }

    private String replacement(String text, Match match) {
        String value = text.substring(match.valueStart(), match.end());
        String normalised = PiiFinder.normalised(value);
        if (mode == PiiMode.HASH) {
            return "pii:" + match.kind().tag() + ":" + hash(match.kind().tag() + ":" + normalised);
        }
        return switch (match.kind()) {
            case PHONE -> text.substring(match.start(), match.valueStart())
                    + normalised.substring(0, 3) + "****" + normalised.substring(7);
            case EMAIL -> value.charAt(0) + "***" + value.substring(value.indexOf('@'));
            case ID_CARD, BANK_CARD -> normalised.substring(0, 6)
                    + "*".repeat(normalised.length() - 10) + normalised.substring(normalised.length() - 4);
        };
    }

    private String hash(String input) {
        byte[] mac = macs.get().doFinal(input.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(mac, 0, 8);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
