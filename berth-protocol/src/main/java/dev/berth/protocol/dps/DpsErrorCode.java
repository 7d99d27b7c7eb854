package dev.berth.protocol.dps;

/**
 * The 6-digit DPS error codes Berth sends: HTTP status × 1000 + a sub-code. The codes Azure is known to
 * use (400208, 400209, 401000, 401002, 404201, 404202) keep their meaning; the others are Berth's own
 * refinements inside the same HTTP family, so a client that only looks at {@code code / 1000} still works.
 */
public enum DpsErrorCode {
    BAD_REQUEST(400000),
    INVALID_JSON(400001),
    INVALID_REGISTRATION_ID(400002),
    INVALID_ENROLLMENT(400003),
    INVALID_API_VERSION(400020),
    INVALID_QUERY(400021),
    IOT_HUB_NOT_SPECIFIED(400208),
    UNAUTHORIZED_TO_HUB(400209),
    UNAUTHORIZED(401000),
    SAS_TOKEN_EXPIRED(401001),
    INVALID_CERTIFICATE(401002),
    SAS_TOKEN_MALFORMED(401003),
    SAS_RESOURCE_MISMATCH(401004),
    SAS_SIGNATURE_MISMATCH(401005),
    SAS_POLICY_UNKNOWN(401020),
    ENROLLMENT_DISABLED(401006),
    ID_SCOPE_MISMATCH(401007),
    CLIENT_ID_MISMATCH(401008),
    FORBIDDEN(403000),
    NOT_FOUND(404000),
    ENROLLMENT_NOT_FOUND(404201),
    REGISTRATION_NOT_FOUND(404202),
    OPERATION_NOT_FOUND(404203),
    ID_SCOPE_NOT_FOUND(404204),
    METHOD_NOT_ALLOWED(405000),
    CONFLICT(409000),
    PRECONDITION_FAILED(412002),
    PAYLOAD_TOO_LARGE(413000),
    UNSUPPORTED_MEDIA_TYPE(415000),
    THROTTLED(429001),
    INTERNAL_ERROR(500000),
    SERVICE_UNAVAILABLE(503000);

    private final int code;

    DpsErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return code / 1000;
    }

    /** A label for metrics and logs, e.g. {@code sas_token_expired}. */
    public String reason() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
