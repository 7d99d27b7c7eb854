package dev.berth.protocol.hub;

import java.util.Locale;

/**
 * The IoT Hub error codes Berth's hub answers with: the 6-digit code (HTTP status × 1000 + detail) as in
 * Azure's "common error codes" table, and the name that goes into the {@code iothub-errorcode} header.
 */
public enum HubErrorCode {
    GENERIC_BAD_REQUEST(400000, "GenericBadRequest"),
    INVALID_OPERATION(400003, "InvalidOperation"),
    ARGUMENT_INVALID(400004, "ArgumentInvalid"),
    IOT_HUB_FORMAT_ERROR(400006, "IotHubFormatError"),
    UNAUTHORIZED_ACCESS(401002, "IotHubUnauthorizedAccess"),
    UNAUTHORIZED(401003, "IotHubUnauthorized"),
    DEVICE_NOT_FOUND(404001, "DeviceNotFound"),
    DEVICE_NOT_ONLINE(404103, "DeviceNotOnline"),
    GENERIC_NOT_FOUND(404000, "GenericNotFound"),
    METHOD_NOT_ALLOWED(405000, "GenericMethodNotAllowed"),
    DEVICE_ALREADY_EXISTS(409001, "DeviceAlreadyExists"),
    PRECONDITION_FAILED(412001, "PreconditionFailed"),
    MESSAGE_TOO_LARGE(413001, "MessageTooLarge"),
    UNSUPPORTED_MEDIA_TYPE(415000, "GenericUnsupportedMediaType"),
    THROTTLED(429001, "ThrottlingException"),
    SERVER_ERROR(500001, "ServerError"),
    SERVICE_UNAVAILABLE(503000, "ServiceUnavailable"),
    GATEWAY_TIMEOUT(504101, "GatewayTimeout");

    private final int code;
    private final String errorName;

    HubErrorCode(int code, String errorName) {
        this.code = code;
        this.errorName = errorName;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return code / 1000;
    }

    /** The name Azure puts in the {@code iothub-errorcode} header, e.g. {@code DeviceNotFound}. */
    public String errorName() {
        return errorName;
    }

    /** For metric tags: {@code device_not_found}. */
    public String reason() {
        return name().toLowerCase(Locale.ROOT);
    }
}
