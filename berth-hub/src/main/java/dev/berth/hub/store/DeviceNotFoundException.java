package dev.berth.hub.store;

/** The hub has no identity with this device ID (twin and cloud-to-device calls need one). */
public final class DeviceNotFoundException extends RuntimeException {
    private final String deviceId;

    public DeviceNotFoundException(String deviceId) {
        super("the hub has no device '" + deviceId + "'");
        this.deviceId = deviceId;
    }

    public String deviceId() {
        return deviceId;
    }
}
