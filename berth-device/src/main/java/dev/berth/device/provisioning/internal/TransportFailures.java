package dev.berth.device.provisioning.internal;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningClientException.Reason;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns the MQTT library's failures into {@link ProvisioningClientException}s whose messages say what to
 * fix (trust, host name, reachability). The library's exception stays attached as the cause.
 */
final class TransportFailures {

    private TransportFailures() {
    }

    /** A CONNACK that refuses the credentials is the service's answer, not a transport failure. */
    static Optional<ProvisioningExchange.ConnectRefusal> credentialRefusal(Throwable error) {
        if (error instanceof Mqtt3ConnAckException connAck) {
            Mqtt3ConnAckReturnCode code = connAck.getMqttMessage().getReturnCode();
            if (code == Mqtt3ConnAckReturnCode.NOT_AUTHORIZED || code == Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD) {
                return Optional.of(new ProvisioningExchange.ConnectRefusal("MQTT CONNACK " + code));
            }
        }
        return Optional.empty();
    }

    static ProvisioningClientException connectFailed(ProvisioningSettings settings, Throwable error) {
        String endpoint = settings.endpoint();
        if (error instanceof Mqtt3ConnAckException connAck) {
            return new ProvisioningClientException(Reason.CONNECTION_REFUSED, "the service at " + endpoint
                    + " refused the MQTT connection: " + connAck.getMqttMessage().getReturnCode(), error);
        }
        Throwable certificateProblem = find(error, CertPathBuilderException.class, CertPathValidatorException.class);
        if (certificateProblem != null) {
            return new ProvisioningClientException(Reason.TLS_FAILED, "TLS: server certificate of " + endpoint
                    + " not trusted by " + settings.trustedCa() + ": " + certificateProblem.getMessage(), error);
        }
        Throwable hostMismatch = find(error, CertificateException.class);
        if (hostMismatch != null) {
            return new ProvisioningClientException(Reason.TLS_FAILED, "TLS: the server certificate of " + endpoint
                    + " is not valid for host '" + settings.host() + "': " + hostMismatch.getMessage(), error);
        }
        Throwable tls = find(error, SSLHandshakeException.class, SSLException.class);
        if (tls != null) {
            return new ProvisioningClientException(Reason.TLS_FAILED, "TLS handshake with " + endpoint
                    + " failed: " + tls.getMessage(), error);
        }
        Throwable unreachable = find(error, ConnectException.class, UnknownHostException.class,
                UnresolvedAddressException.class, NoRouteToHostException.class);
        if (unreachable != null) {
            return new ProvisioningClientException(Reason.CONNECTION_FAILED, "cannot connect to " + endpoint + ": "
                    + describe(unreachable), error);
        }
        return new ProvisioningClientException(Reason.CONNECTION_FAILED, "cannot connect to " + endpoint + ": "
                + describe(error), error);
    }

    static ProvisioningClientException subscribeFailed(ProvisioningSettings settings, Throwable error) {
        return new ProvisioningClientException(Reason.CONNECTION_LOST, "subscribing to the answers at "
                + settings.endpoint() + " failed: " + describe(error), error);
    }

    static ProvisioningClientException publishFailed(ProvisioningSettings settings, String topic, Throwable error) {
        return new ProvisioningClientException(Reason.CONNECTION_LOST, "sending " + topic + " to "
                + settings.endpoint() + " failed: " + describe(error), error);
    }

    static ProvisioningClientException connectionLost(ProvisioningSettings settings, Throwable cause) {
        return new ProvisioningClientException(Reason.CONNECTION_LOST, "the connection to " + settings.endpoint()
                + " closed before the registration finished: " + describe(cause), cause);
    }

    @SafeVarargs
    private static Throwable find(Throwable error, Class<? extends Throwable>... types) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "no reason given";
        }
        String message = error.getMessage();
        String text = message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
        Throwable cause = error.getCause();
        return cause != null && cause != error && cause.getMessage() != null && !text.contains(cause.getMessage())
                ? text + " (" + cause.getMessage() + ")" : text;
    }
}
