package dev.berth.device.security;

import dev.berth.protocol.sas.SharedAccessSignatures;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A device's symmetric key: the key of an individual enrollment, or the key derived for this device from
 * an enrollment group's key. The key is validated when the credential is made and never leaves this
 * object: callers get SAS tokens signed with it, and {@link #toString()} does not show it.
 */
public final class SymmetricKeyCredential implements DeviceCredential {

    /** Key sizes DPS accepts for user-supplied keys; generated keys are 64 bytes. */
    private static final int MIN_KEY_BYTES = 16;
    private static final int MAX_KEY_BYTES = 64;

    private final String base64Key;

    private SymmetricKeyCredential(String base64Key) {
        this.base64Key = base64Key;
    }

    /**
     * The key of an individual enrollment, or a device key already derived from a group key.
     *
     * @throws IllegalArgumentException if the key is missing, not base64 or not 16 to 64 bytes long
     */
    public static SymmetricKeyCredential of(String base64Key) {
        return new SymmetricKeyCredential(validKey(base64Key, "device key"));
    }

    /**
     * The credential of one device of an enrollment group: its key is derived from the group key and the
     * registration ID, so the group key itself never has to be stored on the device.
     *
     * @throws IllegalArgumentException if the group key is not a valid key or the registration ID is blank
     */
    public static SymmetricKeyCredential forGroupDevice(String groupKeyBase64, String registrationId) {
        return new SymmetricKeyCredential(deriveDeviceKey(groupKeyBase64, registrationId));
    }

    /**
     * The device key for {@code registrationId} in an enrollment group:
     * base64(HMAC-SHA256(base64decode(groupKey), registrationId)), as Azure DPS computes it.
     *
     * @throws IllegalArgumentException if the group key is not a valid key or the registration ID is blank
     */
    public static String deriveDeviceKey(String groupKeyBase64, String registrationId) {
        String groupKey = validKey(groupKeyBase64, "group key");
        if (registrationId == null || registrationId.isBlank()) {
            throw new IllegalArgumentException("the registration ID to derive a device key for is missing");
        }
        return SharedAccessSignatures.deriveDeviceKey(groupKey, registrationId);
    }

    /**
     * A SAS token for {@code resource} (e.g. {@code {idScope}/registrations/{registrationId}}), valid until
     * {@code expiry}, in the documented form (resource percent-encoded and signed as sent).
     *
     * @param keyName the {@code skn} field ({@code registration} for DPS), or null to leave it out
     */
    public String createSasToken(String resource, Instant expiry, String keyName) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(expiry, "expiry");
        return SharedAccessSignatures.createToken(base64Key, resource, expiry.getEpochSecond(), keyName);
    }

    @Override
    public String toString() {
        return "SymmetricKeyCredential[key hidden]";
    }

    private static String validKey(String base64Key, String what) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("the " + what + " is missing");
        }
        // keys are often pasted from a portal or a file with a trailing newline
        String key = base64Key.strip();
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not valid base64 (" + e.getMessage()
                    + "); copy the primary or secondary key exactly as the service shows it", e);
        }
        if (decoded.length < MIN_KEY_BYTES || decoded.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("the " + what + " decodes to " + decoded.length
                    + " bytes; a DPS symmetric key is " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes");
        }
        return key;
    }
}
