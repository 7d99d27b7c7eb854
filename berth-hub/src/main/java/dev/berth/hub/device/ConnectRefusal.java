package dev.berth.hub.device;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;

/**
 * Why a hub CONNECT was refused. MQTT 3.1.1 CONNACK carries only a return code, so {@code reason} (a
 * metric tag) and {@code detail} (for the operator's log) are what explain the refusal; see docs/hub-device.md.
 */
final class ConnectRefusal extends RuntimeException {
    private final String reason;
    private final MqttConnectReturnCode code;

    private ConnectRefusal(MqttConnectReturnCode code, String reason, String detail) {
        super(detail);
        this.code = code;
        this.reason = reason;
    }

    /** CONNACK 0x04: the credentials (SAS token or certificate) are missing, malformed or wrong. */
    static ConnectRefusal badCredentials(String reason, String detail) {
        return new ConnectRefusal(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD, reason, detail);
    }

    /** CONNACK 0x05: the device or hub is unknown, or the device may not connect. */
    static ConnectRefusal notAuthorized(String reason, String detail) {
        return new ConnectRefusal(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, reason, detail);
    }

    /** CONNACK 0x02: the MQTT client ID does not name the device of the username. */
    static ConnectRefusal identifierRejected(String reason, String detail) {
        return new ConnectRefusal(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, reason, detail);
    }

    /** CONNACK 0x03: the server could not check the credentials (store failure); the device should retry. */
    static ConnectRefusal serverUnavailable(String reason, String detail) {
        return new ConnectRefusal(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, reason, detail);
    }

    String reason() {
        return reason;
    }

    MqttConnectReturnCode code() {
        return code;
    }
}
