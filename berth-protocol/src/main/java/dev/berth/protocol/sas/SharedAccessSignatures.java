package dev.berth.protocol.sas;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signing and verifying SAS tokens and deriving group device keys (HMAC-SHA256 over base64-decoded keys). */
public final class SharedAccessSignatures {

    private SharedAccessSignatures() {
    }

    /** base64(HMAC-SHA256(base64decode(key), message)). */
    public static String hmacBase64(String base64Key, String message) {
        return Base64.getEncoder().encodeToString(hmac(decodeKey(base64Key), message));
    }

    /**
     * The key a device of an enrollment group uses: base64(HMAC-SHA256(base64decode(groupKey), registrationId)).
     */
    public static String deriveDeviceKey(String groupKeyBase64, String registrationId) {
        return hmacBase64(groupKeyBase64, registrationId);
    }

    /**
     * Builds a token in the documented form: {@code sr} upper-case percent-encoded, signed as sent.
     *
     * @param keyName the {@code skn} value, or null to leave it out
     */
    public static String createToken(String base64Key, String resource, long expiryEpochSeconds, String keyName) {
        String sr = PercentEncoding.encode(resource);
        String se = Long.toString(expiryEpochSeconds);
        String sig = PercentEncoding.encode(hmacBase64(base64Key, sr + "\n" + se));
        return "SharedAccessSignature sr=" + sr + "&sig=" + sig + "&se=" + se + (keyName == null ? "" : "&skn=" + keyName);
    }

    /** True when the token's signature was made with this key; constant-time comparison. */
    public static boolean isSignedWith(SasToken token, String base64Key) {
        byte[] expected = hmac(decodeKey(base64Key), token.stringToSign());
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(token.signature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented);
    }

    /** True when the text is valid base64 decoding to 16 to 64 bytes, the key sizes DPS accepts. */
    public static boolean isValidKey(String base64Key) {
        try {
            int length = Base64.getDecoder().decode(base64Key).length;
            return length >= 16 && length <= 64;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static byte[] decodeKey(String base64Key) {
        try {
            return Base64.getDecoder().decode(base64Key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not valid base64", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
