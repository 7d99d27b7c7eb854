package dev.berth.device.provisioning.internal;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningClientException.Reason;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns the MQTT library's and {@code java.net.http}'s failures into {@link ProvisioningClientException}s
 * whose messages say what to fix (trust, host name, reachability, proxy). The original exception stays
 * attached as the cause.
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
        ProvisioningClientException proxyFailure = proxyFailure(settings, error);
        if (proxyFailure != null) {
            return proxyFailure;
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

    /**
     * An HTTPS request that got no answer. Every request may open a connection, so connection and TLS
     * failures are told apart from a connection that broke off or timed out.
     */
    static ProvisioningClientException requestFailed(ProvisioningSettings settings, String request, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof HttpConnectTimeoutException) {
            return new ProvisioningClientException(Reason.TIMEOUT, "timed out after "
                    + Durations.describe(settings.operationTimeout()) + " connecting to " + settings.endpoint(), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new ProvisioningClientException(Reason.TIMEOUT, "no answer to " + request + " from "
                    + settings.endpoint() + " within the operation timeout of "
                    + Durations.describe(settings.operationTimeout()), cause);
        }
        ProvisioningClientException connectFailure = connectFailed(settings, cause);
        boolean neverConnected = proxyFailure(settings, cause) != null || connectFailure.reason() == Reason.TLS_FAILED
                || find(cause, ConnectException.class, UnknownHostException.class, UnresolvedAddressException.class,
                        NoRouteToHostException.class) != null;
        return neverConnected ? connectFailure : new ProvisioningClientException(Reason.CONNECTION_LOST,
                request + " to " + settings.endpoint() + " failed: " + describe(cause), cause);
    }

    /**
     * The proxy would not open the tunnel: Netty's {@code ProxyConnectException} (named, not imported, so
     * the proxy module stays a runtime dependency) or {@code java.net.http}'s "Tunnel failed".
     */
    private static ProvisioningClientException proxyFailure(ProvisioningSettings settings, Throwable error) {
        if (settings.proxy() == null) {
            return null;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            boolean nettyProxy = isA(t, "io.netty.handler.proxy.ProxyConnectException");
            if (nettyProxy || message.startsWith("Tunnel failed") || message.contains("authentication attempts")) {
                boolean auth = message.contains("407") || message.contains("authentication attempts");
                String advice = !auth ? "" : settings.proxy().hasCredentials()
                        ? "; the proxy refused the credentials of user '" + settings.proxy().username() + "'"
                        : "; the proxy wants credentials: ProxySettings.withCredentials(..)";
                return new ProvisioningClientException(auth ? Reason.CONNECTION_REFUSED : Reason.CONNECTION_FAILED,
                        "the HTTP proxy " + settings.proxy().address() + " did not open a tunnel to " + settings.host()
                                + ":" + settings.port() + ": " + message + advice, error);
            }
        }
        return null;
    }

    private static boolean isA(Throwable error, String className) {
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
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
