package dev.berth.protocol.sas;

/** The text is not a SharedAccessSignature token; the message says which part is wrong. */
public final class MalformedSasTokenException extends IllegalArgumentException {
    public MalformedSasTokenException(String message) {
        super(message);
    }
}
