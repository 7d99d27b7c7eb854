package dev.berth.server.hub;

/**
 * How the provisioning service puts a device into the hub it was assigned: the embedded hub in this
 * process, or a real Azure IoT Hub through its REST API, behind one interface. Blocking.
 */
public interface HubRegistry {

    /** Whether this registry manages the hub with this host name. */
    boolean manages(String hubHostName);

    /**
     * Creates or updates the device identity with the credentials the device attested with, and applies
     * the enrollment's initial twin when the request says so.
     *
     * @throws HubRegistryException with a message fit for the device owner when the hub refuses or cannot be reached
     */
    void provision(HubDeviceProvisioning request);

    /** A registry that manages no hub: assignments name the hub only. */
    HubRegistry NONE = new HubRegistry() {
        @Override
        public boolean manages(String hubHostName) {
            return false;
        }

        @Override
        public void provision(HubDeviceProvisioning request) {
            throw new IllegalStateException("no hub registry manages " + request.hubHostName());
        }
    };
}
