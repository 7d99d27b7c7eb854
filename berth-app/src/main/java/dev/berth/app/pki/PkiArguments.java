package dev.berth.app.pki;

import java.time.Duration;
import java.util.regex.Pattern;

/** Checks of the values given to {@code berth pki} commands, with messages that name the option. */
final class PkiArguments {

    /** X.520's upper bound for a common name. */
    static final int MAX_CN_LENGTH = 64;
    /** DPS registration IDs; as the CN of a device certificate they are also bounded by {@link #MAX_CN_LENGTH}. */
    private static final Pattern REGISTRATION_ID = Pattern.compile("[A-Za-z0-9._:-]+");

    private PkiArguments() {
    }

    static String commonName(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " must not be empty");
        }
        String cn = value.strip();
        if (cn.length() > MAX_CN_LENGTH) {
            throw new IllegalArgumentException(option + " is " + cn.length() + " characters; a certificate CN holds at most " + MAX_CN_LENGTH);
        }
        return cn;
    }

    static String registrationId(String value) {
        String id = commonName(value, "--registration-id");
        if (!REGISTRATION_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("--registration-id may hold only letters, digits and - . _ :, got '" + id + "'");
        }
        return id;
    }

    static Duration days(int days) {
        if (days < 1 || days > 36_500) {
            throw new IllegalArgumentException("--days must be 1 to 36500, got " + days);
        }
        return Duration.ofDays(days);
    }
}
