package com.dataeye.core.privacy;

/** Check-digit algorithms used to tell real identifiers from arbitrary digit runs. */
final class CheckDigits {

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK_CHARS = "10X98765432";

    private CheckDigits() {
    }

    /** Luhn (mod 10) check over a string of ASCII digits, check digit last. */
    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /**
     * Chinese resident ID card number (GB 11643-1999): 17 digits and a check character ({@code 0-9} or
     * {@code X}, case-insensitive), a plausible birth date {@code YYYYMMDD} (1900–2099) at positions 7–14,
     * and an ISO 7064 MOD 11-2 check character.
     */
    static boolean chineseIdCard(CharSequence id) {
        if (id.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * ID_WEIGHTS[i];
        }
        return Character.toUpperCase(id.charAt(17)) == ID_CHECK_CHARS.charAt(sum % 11)
                && plausibleBirthDate(number(id, 6, 10), number(id, 10, 12), number(id, 12, 14));
    }

    private static boolean plausibleBirthDate(int year, int month, int day) {
        if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        int days = switch (month) {
            case 2 -> leap ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= days;
    }

    private static int number(CharSequence s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }
}
