package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.ProvisioningException;

/** The ID rules of DPS (registration and group IDs, protocol.md §2.6.1) and IoT Hub (device IDs, §7.9). */
final class Identifiers {
    static final int MAX_LENGTH = 128;
    private static final String REGISTRATION_SPECIALS = "-._:";
    private static final String DEVICE_SPECIALS = "-:.+%_#*?!(),=@;$'";

    private Identifiers() {
    }

    static void requireRegistrationId(String id) {
        String problem = registrationIdProblem(id);
        if (problem != null) {
            throw new ProvisioningException(DpsErrorCode.INVALID_REGISTRATION_ID, "the registration ID '" + shown(id) + "' "
                    + problem + "; a registration ID has up to 128 letters, digits and - . _ : and starts and ends"
                    + " with a letter or digit (a trailing - is allowed)");
        }
    }

    /** Group IDs follow the registration ID rules: the portal and the SDKs treat them alike. */
    static void requireGroupId(String id) {
        String problem = registrationIdProblem(id);
        if (problem != null) {
            throw new ProvisioningException(DpsErrorCode.INVALID_ENROLLMENT, "the enrollment group ID '" + shown(id) + "' "
                    + problem + "; a group ID has up to 128 letters, digits and - . _ : and starts and ends"
                    + " with a letter or digit (a trailing - is allowed)");
        }
    }

    /** CA certificate names follow the registration ID rules too; returns the name without surrounding spaces. */
    static String requireCaName(String name) {
        String stripped = name == null ? null : name.strip();
        String problem = registrationIdProblem(stripped);
        if (problem != null) {
            throw new ProvisioningException(DpsErrorCode.BAD_REQUEST, "the CA certificate name '" + shown(stripped) + "' "
                    + problem + "; a name has up to 128 letters, digits and - . _ : and starts and ends with a letter or digit");
        }
        return stripped;
    }

    /** An optional {@code deviceId} must be a valid IoT Hub device ID. */
    static void requireDeviceId(String id) {
        if (id == null) {
            return;
        }
        String problem = null;
        if (id.isEmpty()) {
            problem = "is empty (leave deviceId out to use the registration ID)";
        } else if (id.length() > MAX_LENGTH) {
            problem = "is " + id.length() + " characters long, more than " + MAX_LENGTH;
        } else {
            for (int i = 0; i < id.length() && problem == null; i++) {
                char c = id.charAt(i);
                if (!isAsciiAlphanumeric(c) && DEVICE_SPECIALS.indexOf(c) < 0) {
                    problem = "contains '" + c + "'";
                }
            }
        }
        if (problem != null) {
            throw new ProvisioningException(DpsErrorCode.INVALID_ENROLLMENT, "the deviceId '" + shown(id) + "' " + problem
                    + "; an IoT Hub device ID has up to 128 ASCII letters, digits and - : . + % _ # * ? ! ( ) , = @ ; $ '");
        }
    }

    private static String registrationIdProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "is empty";
        }
        if (id.length() > MAX_LENGTH) {
            return "is " + id.length() + " characters long, more than " + MAX_LENGTH;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isAsciiAlphanumeric(c) && REGISTRATION_SPECIALS.indexOf(c) < 0) {
                return "contains '" + c + "'";
            }
        }
        if (!isAsciiAlphanumeric(id.charAt(0))) {
            return "starts with '" + id.charAt(0) + "'";
        }
        char last = id.charAt(id.length() - 1);
        if (!isAsciiAlphanumeric(last) && last != '-') {
            return "ends with '" + last + "'";
        }
        return null;
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static String shown(String id) {
        if (id == null) {
            return "";
        }
        return id.length() > 64 ? id.substring(0, 64) + "…" : id;
    }
}
