package dev.berth.protocol.sas;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code SharedAccessSignature sr=…&sig=…&se=…[&skn=…]} token.
 *
 * <p>{@code resource} and {@code expiryText} are kept exactly as sent: every official SDK signs the
 * string it sends, and they disagree on how {@code sr} is encoded, so verification must use these
 * raw values. {@code signature} is the URL-decoded base64 text. An empty {@code skn} is treated as absent.
 */
public record SasToken(String resource, String signature, String expiryText, long expiry, String keyName) {

    private static final String PREFIX = "SharedAccessSignature ";

    /** Parses a token; fields may come in any order. */
    public static SasToken parse(String token) {
        if (token == null || token.isBlank()) {
            throw new MalformedSasTokenException("the SAS token is empty");
        }
        String text = token.strip();
        if (!text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new MalformedSasTokenException("the SAS token must start with 'SharedAccessSignature '");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.substring(PREFIX.length()).strip().split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new MalformedSasTokenException("the SAS token field '" + part + "' has no name=value form");
            }
            String name = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (fields.putIfAbsent(name, part.substring(eq + 1)) != null) {
                throw new MalformedSasTokenException("the SAS token repeats the field '" + name + "'");
            }
        }
        String sr = require(fields, "sr");
        String sig = require(fields, "sig");
        String se = require(fields, "se");
        long expiry;
        try {
            expiry = Long.parseLong(se);
        } catch (NumberFormatException e) {
            throw new MalformedSasTokenException("the SAS token expiry 'se' must be seconds since 1970 as an integer, got '" + se + "'");
        }
        String skn = fields.get("skn");
        return new SasToken(sr, PercentEncoding.decode(sig), se, expiry, skn == null || skn.isEmpty() ? null : skn);
    }

    private static String require(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new MalformedSasTokenException("the SAS token has no '" + name + "' field");
        }
        return value;
    }

    /** The resource URI with percent-escapes decoded, for comparing with the expected resource. */
    public String decodedResource() {
        return PercentEncoding.decode(resource);
    }

    public Instant expiresAt() {
        return Instant.ofEpochSecond(expiry);
    }

    /** The exact string that the signer signed: {@code sr} as sent, a newline, {@code se} as sent. */
    public String stringToSign() {
        return resource + "\n" + expiryText;
    }
}
