package dev.berth.device.provisioning.internal;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import com.hivemq.client.mqtt.MqttProxyConfig;
import com.hivemq.client.mqtt.MqttProxyProtocol;
import com.hivemq.client.mqtt.MqttWebSocketConfig;
import dev.berth.device.provisioning.ProvisioningTransport;
import dev.berth.device.provisioning.ProxySettings;
import dev.berth.device.security.X509Credential;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the MQTT session reaches the service: TLS (with the device certificate of an X.509 credential) straight to the port, or a WebSocket inside TLS, either
 * optionally through an HTTP CONNECT proxy. The MQTT session on top is the same in every case.
 */
final class MqttTransportConfigs {

    /** The path Azure DPS and IoT Hub serve MQTT over WebSocket on; Berth accepts any path. */
    static final String WEBSOCKET_PATH = "$iothub/websocket";
    static final String WEBSOCKET_SUBPROTOCOL = "mqtt";

    private MqttTransportConfigs() {
    }

    static MqttClientTransportConfig of(ProvisioningSettings settings, long waitMillis) {
        MqttClientSslConfigBuilder tls = MqttClientSslConfig.builder()
                .trustManagerFactory(settings.trustedCa().trustManagerFactory())
                .protocols(List.of("TLSv1.3", "TLSv1.2"))
                .handshakeTimeout(waitMillis, TimeUnit.MILLISECONDS);
        if (settings.credential() instanceof X509Credential certificate) {
            tls.keyManagerFactory(certificate.keyManagerFactory());
        }
        MqttClientTransportConfigBuilder builder = MqttClientTransportConfig.builder()
                .serverHost(settings.host()).serverPort(settings.port())
                .socketConnectTimeout(waitMillis, TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(waitMillis, TimeUnit.MILLISECONDS)
                .sslConfig(tls.build());
        if (settings.transport() == ProvisioningTransport.MQTT_WS) {
            builder.webSocketConfig(MqttWebSocketConfig.builder()
                    .serverPath(WEBSOCKET_PATH) // the client puts the leading '/' in front
                    .subprotocol(WEBSOCKET_SUBPROTOCOL)
                    .handshakeTimeout(waitMillis, TimeUnit.MILLISECONDS)
                    .build());
        }
        if (settings.proxy() != null) {
            builder.proxyConfig(proxy(settings.proxy(), waitMillis));
        }
        return builder.build();
    }

    private static MqttProxyConfig proxy(ProxySettings proxy, long waitMillis) {
        var builder = MqttProxyConfig.builder()
                .protocol(MqttProxyProtocol.HTTP)
                .host(proxy.host()).port(proxy.port())
                .handshakeTimeout(waitMillis, TimeUnit.MILLISECONDS);
        if (proxy.hasCredentials()) {
            // sent with the CONNECT (Basic), not only after a 407
            builder.username(proxy.username()).password(proxy.password());
        }
        return builder.build();
    }
}
