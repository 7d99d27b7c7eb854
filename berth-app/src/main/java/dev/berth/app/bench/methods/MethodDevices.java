package dev.berth.app.bench.methods;

import dev.berth.app.ServiceApiClient;
import dev.berth.device.client.DeviceClient;
import dev.berth.device.client.MessageQos;
import dev.berth.device.client.MethodResult;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.protocol.hub.Device;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The bench's devices: identities created through a node's hub REST API as {@code berth hub} commands reach it, each connected to one node with the Berth
 * SDK's {@link DeviceClient} and a handler that answers the bench's method at once with the payload it got.
 */
final class MethodDevices implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> ids;
    private final List<DeviceClient> clients = new ArrayList<>();

    private MethodDevices(List<String> ids) {
        this.ids = ids;
    }

    /**
     * Creates {@code count} devices, each with a random symmetric key, through {@code registry} and connects each to
     * the node listening on {@code mqttPort}.
     *
     * @throws IOException when a device does not connect, {@link dev.berth.app.CliException} when one cannot be created
     *                     (the run would measure nothing useful)
     */
    static MethodDevices connect(ServiceApiClient registry, int count, String prefix, int mqttPort, TrustedCa ca)
            throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + "-" + i);
        }
        MethodDevices devices = new MethodDevices(List.copyOf(ids));
        try {
            for (String id : ids) {
                String key = randomKey();
                registry.put("/devices/" + ServiceApiClient.segment(id), Device.of(id, Device.ENABLED,
                        new Device.Authentication(Device.Authentication.SAS, new Device.SymmetricKey(key, key), null), false));
                DeviceClient client = DeviceClient.builder().hubHostName(HubNodes.HUB).gatewayHostName("localhost").port(mqttPort)
                        .deviceId(id).credential(SymmetricKeyCredential.of(key)).qos(MessageQos.AT_LEAST_ONCE).trustedCa(ca)
                        .operationTimeout(Duration.ofSeconds(15)).build();
                client.onMethod(HubServiceClient.METHOD_NAME, MethodResult::ok); // subscribed before open() returns
                devices.clients.add(client);
                if (!client.open()) {
                    throw new IOException("device " + id + " could not connect: " + client.lastError());
                }
            }
        } catch (IOException | RuntimeException e) {
            devices.close();
            throw e;
        }
        return devices;
    }

    /** The device that call number {@code call} goes to: round robin, so every device gets its share. */
    String idFor(int call) {
        return ids.get(call % ids.size());
    }

    /** How many are connected now (a device that dropped during a run shows in the report). */
    int connected() {
        return (int) clients.stream().filter(DeviceClient::isConnected).count();
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public void close() {
        clients.forEach(DeviceClient::close);
        clients.clear();
    }
}
