package com.dataeye.core.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Locates personal values in text for {@link PiiScrubber}; see its Javadoc for exactly what is matched. */
final class PiiFinder {

    /** One value found: {@code [start, end)} in the text; for phones {@code valueStart} skips the +86 prefix. */
    record Match(int start, int end, PiiKind kind, int valueStart) {
    }

    private static final String BEFORE = "(?<![0-9A-Za-z])";
    private static final String AFTER = "(?![0-9A-Za-z])";
    private static final Pattern ID_CARD = Pattern.compile(BEFORE + "\\d{17}[\\dXx]" + AFTER);
    private static final Pattern BANK_CARD = Pattern.compile(
            BEFORE + "(?:\\d{13,19}|\\d{4}([ -])\\d{4}\\1\\d{4}(?:\\1\\d{4})?\\1\\d{1,4})" + AFTER);
    private static final Pattern PHONE = Pattern.compile(
            BEFORE + "(?:\\+?86[ -]?)?(1[3-9]\\d([ -]?)\\d{4}\\2\\d{4})" + AFTER);
    // priority order: ID card > bank card > phone
    private static final Pattern[] PATTERNS = {ID_CARD, BANK_CARD, PHONE};
    private static final PiiKind[] KINDS = {PiiKind.ID_CARD, PiiKind.BANK_CARD, PiiKind.PHONE};

    private PiiFinder() {
    }

    /** All non-overlapping personal values in {@code text}, in no particular order. */
    static List<Match> find(String text) {
        List<Match> matches = new ArrayList<>(4);
        findEmails(text, matches);
        findNumbers(text, matches);
        return matches;
    }

    /** Digits only with the ID check character upper-cased; e-mail addresses lower-cased. */
    static String normalised(String value) {
        if (value.indexOf('@') >= 0) {
            return value.toLowerCase(Locale.ROOT);
        }
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isDigit(c) || c == 'X' || c == 'x') {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Tries the digit patterns, in priority order, only where a number can start (a digit or '+' not preceded
     * by an ASCII letter or digit) and only if the digit group there fits, instead of letting each regex probe
     * every position of the text.
     */
    private static void findNumbers(String text, List<Match> matches) {
        Matcher[] matchers = new Matcher[KINDS.length];
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if ((!isDigit(c) && c != '+') || (i > 0 && isAsciiAlnum(text.charAt(i - 1)))) {
                continue;
            }
            int digits = 0;
            while (i + digits < n && isDigit(text.charAt(i + digits))) {
                digits++;
            }
            for (int k = 0; k < KINDS.length; k++) {
                if (!canStartAt(KINDS[k], text, i, digits)) {
                    continue;
                }
                if (matchers[k] == null) {
                    matchers[k] = PATTERNS[k].matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                }
                Matcher m = matchers[k].region(i, n);
                if (m.lookingAt() && isValid(KINDS[k], text.substring(m.start(), m.end()))) {
                    int valueStart = KINDS[k] == PiiKind.PHONE ? m.start(1) : m.start();
                    add(matches, new Match(m.start(), m.end(), KINDS[k], valueStart));
                    i = m.end() - 1;
                    break;
                }
            }
        }
    }

    /** Whether a match of {@code kind} can start at {@code i}, given the length of the digit group there. */
    private static boolean canStartAt(PiiKind kind, String text, int i, int digits) {
        return switch (kind) {
            case ID_CARD -> digits == 17 || digits == 18;
            case BANK_CARD -> digits == 4 || (digits >= 13 && digits <= 19);
            default -> digits == 3 || digits == 11 || text.charAt(i) == '+' || text.startsWith("86", i);
        };
    }

    private static boolean isValid(PiiKind kind, String match) {
        return switch (kind) {
            case ID_CARD -> CheckDigits.chineseIdCard(normalised(match));
            case BANK_CARD -> isCardNumber(normalised(match));
            default -> true;
        };
    }

    private static boolean isCardNumber(String digits) {
        int n = digits.length();
        char first = digits.charAt(0);
        boolean network = n == 13 ? first == '4' // only Visa issued 13-digit cards; keeps EAN-13 barcodes out
                : (first >= '3' && first <= '6') || first == '9'
                || (first == '2' && n == 16 && digits.compareTo("2221") >= 0 && digits.compareTo("2721") < 0);
        return n >= 13 && n <= 19 && network && CheckDigits.luhn(digits);
    }

    /** Finds e-mail addresses by expanding around each '@' (linear; no regex backtracking on long tokens). */
    private static void findEmails(String text, List<Match> matches) {
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int start = at;
            while (start > 0 && isLocalChar(text.charAt(start - 1))) {
                start--;
            }
            while (start < at && text.charAt(start) == '.') {
                start++;
            }
            int end = at + 1;
            while (end < text.length() && isDomainChar(text.charAt(end))) {
                end++;
            }
            while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--;
            }
            if (start < at && validDomain(text, at + 1, end)) {
                add(matches, new Match(start, end, PiiKind.EMAIL, start));
                at = end - 1;
            }
        }
    }

    /** At least two labels, no empty label, top-level domain of two or more ASCII letters. */
    private static boolean validDomain(String text, int from, int to) {
        int lastDot = -1;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '.') {
                if (i == from || i == lastDot + 1) {
                    return false;
                }
                lastDot = i;
            }
        }
        if (lastDot < 0 || to - lastDot - 1 < 2 || text.charAt(from) == '-') {
            return false;
        }
        for (int i = lastDot + 1; i < to; i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    /** Adds a match unless it overlaps one found earlier (callers search in priority order). */
    private static void add(List<Match> matches, Match match) {
        for (Match m : matches) {
            if (match.start() < m.end() && m.start() < match.end()) {
                return;
            }
        }
        matches.add(match);
    }

    private static boolean isAsciiAlnum(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isLocalChar(char c) {
        return isDomainChar(c) || c == '_' || c == '%' || c == '+';
    }

    private static boolean isDomainChar(char c) {
        return isAsciiAlnum(c) || c == '.' || c == '-';
    }
}
