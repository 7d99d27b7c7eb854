package dev.berth.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tells connected devices about changes made through the service API. The MQTT sessions implement it; the
 * REST API calls it after a change is stored.
 */
public interface DeviceNotifier {

    /** @param patch the desired properties that changed (null values = deleted), including {@code "$version"} */
    void desiredPropertiesChanged(String deviceId, ObjectNode patch);

    /** A cloud-to-device message was queued for the device; deliver it if the device is connected and subscribed. */
    void cloudToDeviceMessageQueued(String deviceId);

    /** The identity was deleted or disabled: close its connection. */
    void deviceRevoked(String deviceId, String reason);

    DeviceNotifier NONE = new DeviceNotifier() {
        @Override
        public void desiredPropertiesChanged(String deviceId, ObjectNode patch) {
        }

        @Override
        public void cloudToDeviceMessageQueued(String deviceId) {
        }

        @Override
        public void deviceRevoked(String deviceId, String reason) {
        }
    };
}
