package dev.berth.device.client;

import dev.berth.device.client.internal.ClientSettings;
import dev.berth.device.client.internal.ConnectionSupervisor;
import dev.berth.device.client.internal.IncomingRouter;
import dev.berth.device.client.internal.MethodDispatcher;
import dev.berth.device.client.internal.Operations;
import dev.berth.device.client.internal.PendingTwinRequests;
import dev.berth.device.client.internal.TwinDocuments;
import dev.berth.device.security.DeviceCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.protocol.hub.HubTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A device's connection to its IoT hub (a Berth hub or Azure IoT Hub) over MQTT 3.1.1 with TLS: telemetry,
 * the device twin, direct methods and cloud-to-device messages. Once open it stays connected: it reconnects
 * with back-off after a loss, renews its SAS token before it expires, and subscribes again each time.
 *
 * <p>Listeners and method handlers run on one callback thread of the client, one at a time; they may call the
 * client's blocking methods. Set them before {@link #open()} so that nothing queued for the device is missed.
 */
public final class DeviceClient implements AutoCloseable {

    private final ClientSettings settings;
    private final MethodDispatcher methods;
    private final IncomingRouter router;
    private final ConnectionSupervisor connection;
    private final Operations operations;

    /**
     * As the reference sample does it, with the assigned hub and device ID from provisioning.
     *
     * @param credential the key or certificate the device was provisioned with
     * @param trustedCa  the CA the hub's certificate chains to ({@link TrustedCa#systemDefault()} for Azure)
     */
    public DeviceClient(String hubHostName, String deviceId, DeviceCredential credential, MessageQos qos, TrustedCa trustedCa) {
        this(builder().hubHostName(hubHostName).deviceId(deviceId).credential(credential).qos(qos).trustedCa(trustedCa).settings());
    }

    DeviceClient(ClientSettings settings) {
        this.settings = settings;
        PendingTwinRequests pending = new PendingTwinRequests();
        this.methods = new MethodDispatcher(settings.deviceId());
        this.router = new IncomingRouter(settings.deviceId(), pending, methods);
        this.connection = new ConnectionSupervisor(settings, router);
        this.operations = new Operations(settings, connection, pending);
    }

    public static DeviceClientBuilder builder() {
        return new DeviceClientBuilder();
    }

    /**
     * Connects and subscribes. A hub that cannot be reached or refuses the device is not an exception:
     * the answer is false and {@link #lastError()} says why. Calling it while open does nothing and returns true.
     */
    public synchronized boolean open() {
        router.start();
        boolean connected = connection.open();
        if (!connected) {
            router.stop();
        }
        return connected;
    }

    /** Disconnects and stops reconnecting; waiting operations fail with {@code NOT_CONNECTED} or {@code CONNECTION_LOST}. */
    @Override
    public synchronized void close() {
        connection.close();
        router.stop();
    }

    public boolean isConnected() {
        return connection.isConnected();
    }

    /** Why the last connect failed or the connection was given up, or null. */
    public String lastError() {
        return connection.lastError();
    }

    /**
     * Sends UTF-8 text telemetry ({@code $.ce=utf-8}); with {@link MessageQos#AT_LEAST_ONCE} it returns once the
     * hub acknowledged it. While a reconnect is under way it waits for it, up to the operation timeout.
     *
     * @param contentType e.g. {@code application/json} (lets the hub route on the body), or null
     * @param properties  application properties, or null; names must not start with {@code $.}
     * @return the message ID ({@code $.mid}) it was sent with
     * @throws DeviceClientException    when it could not be sent or confirmed
     * @throws IllegalArgumentException for a body over 256 KB or a reserved property name
     */
    public String sendMessage(String body, String contentType, Map<String, String> properties) {
        Objects.requireNonNull(body, "body");
        return operations.sendMessage(body.getBytes(StandardCharsets.UTF_8), contentType, true, properties);
    }

    /** Sends binary telemetry (no {@code $.ce}); otherwise as {@link #sendMessage(String, String, Map)}. */
    public String sendMessage(byte[] body, String contentType, Map<String, String> properties) {
        Objects.requireNonNull(body, "body");
        return operations.sendMessage(body.clone(), contentType, false, properties);
    }

    /** The whole twin: desired and reported properties with their versions. */
    public Twin getTwin(Duration timeout) {
        return operations.getTwin(positive(timeout));
    }

    /**
     * Patches the reported properties; a {@code null} value deletes that property.
     *
     * @return the reported properties' new {@code $version}
     * @throws DeviceClientException REJECTED with the hub's status (e.g. 400 for a patch that is too large)
     */
    public long updateReportedProperties(Map<String, Object> patch, Duration timeout) {
        Objects.requireNonNull(patch, "patch");
        return operations.updateReported(TwinDocuments.reportedPatch(patch), positive(timeout));
    }

    /**
     * The same with the patch as JSON text.
     *
     * @throws IllegalArgumentException unless the text is a JSON object
     */
    public long updateReportedProperties(String patchJson, Duration timeout) {
        return operations.updateReported(TwinDocuments.checkedPatch(patchJson), positive(timeout));
    }

    /** Called with each change of the desired properties the service makes while the device is connected. */
    public void onDesiredPropertiesUpdate(Consumer<DesiredPropertiesUpdate> listener) {
        router.onDesiredPropertiesUpdate(Objects.requireNonNull(listener, "listener"));
        connection.subscribe(HubTopics.DESIRED_UPDATES);
    }

    /** Answers the direct method {@code methodName}; methods without a handler are answered 404. */
    public void onMethod(String methodName, MethodHandler handler) {
        methods.register(methodName, handler);
        connection.subscribe(HubTopics.METHODS);
    }

    /**
     * Receives cloud-to-device messages; each counts as delivered once the listener returns. Without a
     * listener the client does not subscribe, so messages stay queued at the hub.
     */
    public void onCloudToDeviceMessage(Consumer<CloudToDeviceMessage> listener) {
        router.onCloudToDeviceMessage(Objects.requireNonNull(listener, "listener"));
        connection.subscribe(HubTopics.cloudToDeviceFilter(settings.deviceId()));
    }

    public void onConnectionStatusChange(Consumer<ConnectionStatus> listener) {
        router.onConnectionStatusChange(Objects.requireNonNull(listener, "listener"));
    }

    public String hubHostName() {
        return settings.hubHostName();
    }

    public String deviceId() {
        return settings.deviceId();
    }

    private static Duration positive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
        return timeout;
    }

    @Override
    public String toString() {
        return "DeviceClient[" + settings.deviceId() + " @ " + settings.endpoint() + "]";
    }
}
