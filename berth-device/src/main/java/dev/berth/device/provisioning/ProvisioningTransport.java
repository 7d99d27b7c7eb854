package dev.berth.device.provisioning;

/** How the provisioning client talks to the service. */
public enum ProvisioningTransport {
    /** MQTT 3.1.1 over TLS, port 8883 by default. */
    MQTT
}
