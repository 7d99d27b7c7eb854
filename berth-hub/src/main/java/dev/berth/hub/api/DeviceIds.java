package dev.berth.hub.api;

import dev.berth.protocol.hub.HubErrorCode;

/** IoT Hub's device ID rule: 1 to 128 ASCII letters, digits and {@code - : . + % _ # * ? ! ( ) , = @ ; $ '}. */
public final class DeviceIds {
    public static final int MAX_LENGTH = 128;
    private static final String ALLOWED_SYMBOLS = "-:.+%_#*?!(),=@;$'";

    private DeviceIds() {
    }

    public static boolean isValid(String deviceId) {
        if (deviceId == null || deviceId.isEmpty() || deviceId.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < deviceId.length(); i++) {
            char c = deviceId.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && ALLOWED_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** @throws HubException 400 ArgumentInvalid saying what the rule is */
    public static String require(String deviceId) {
        if (!isValid(deviceId)) {
            throw new HubException(HubErrorCode.ARGUMENT_INVALID, "the device ID '" + deviceId + "' is invalid: use 1 to "
                    + MAX_LENGTH + " ASCII letters, digits and - : . + % _ # * ? ! ( ) , = @ ; $ '");
        }
        return deviceId;
    }
}
