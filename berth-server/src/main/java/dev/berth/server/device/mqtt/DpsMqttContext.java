package dev.berth.server.device.mqtt;

import dev.berth.server.attestation.DeviceAuthenticator;
import dev.berth.server.mqtt.MqttDisconnector;
import dev.berth.server.metrics.DpsMetrics;
import dev.berth.server.registration.RegistrationService;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.function.Supplier;

/** What provisioning sessions share: services, settings and the registry of open sessions. */
record DpsMqttContext(
        Vertx vertx,
        io.vertx.core.WorkerExecutor registrationWorkers,
        Supplier<String> idScope,
        DeviceAuthenticator authenticator,
        RegistrationService registrations,
        DpsMetrics metrics,
        Clock clock,
        DpsMqttSettings settings,
        SessionRegistry sessions,
        MqttDisconnector disconnector) {
}
