package dev.berth.app.bench;

import dev.berth.app.ServiceApiClient;
import dev.berth.device.provisioning.ProvisioningTransport;
import dev.berth.device.security.TrustedCa;

/**
 * Where the simulated devices go: the device endpoint for the chosen transport, the ID scope, the CA the devices
 * trust, and the service API used to create (and afterwards delete) the bench's enrollment group.
 */
record BenchTarget(String host, int port, ProvisioningTransport transport, String idScope, TrustedCa trustedCa,
                   ServiceApiClient serviceApi, String description) {
}
