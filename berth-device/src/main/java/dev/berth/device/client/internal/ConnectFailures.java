package dev.berth.device.client.internal;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * Why a connect attempt failed, in words that say what to fix, and whether trying again can help: a hub
 * that refuses the credentials will refuse them again, a hub that is down may be back soon.
 */
public record ConnectFailures(String message, boolean credentialsRefused) {

    static ConnectFailures of(ClientSettings settings, Throwable error) {
        String endpoint = settings.endpoint();
        if (error instanceof Mqtt3ConnAckException connAck) {
            Mqtt3ConnAckReturnCode code = connAck.getMqttMessage().getReturnCode();
            boolean credentials = code == Mqtt3ConnAckReturnCode.NOT_AUTHORIZED
                    || code == Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD
                    || code == Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED;
            return new ConnectFailures("the hub " + endpoint + " refused device '" + settings.deviceId()
                    + "': CONNACK " + code + (credentials ? " (unknown or disabled device, or wrong key or certificate)" : ""),
                    credentials);
        }
        Throwable untrusted = find(error, CertPathBuilderException.class, CertPathValidatorException.class);
        if (untrusted != null) {
            return new ConnectFailures("TLS: the server certificate of " + endpoint + " is not trusted by "
                    + settings.trustedCa() + ": " + untrusted.getMessage(), false);
        }
        Throwable hostMismatch = find(error, CertificateException.class);
        if (hostMismatch != null) {
            return new ConnectFailures("TLS: the server certificate of " + endpoint + " is not valid for host '"
                    + settings.serverHost() + "': " + hostMismatch.getMessage(), false);
        }
        Throwable tls = find(error, SSLException.class);
        if (tls != null) {
            return new ConnectFailures("TLS handshake with " + endpoint + " failed: " + tls.getMessage(), false);
        }
        Throwable unreachable = find(error, ConnectException.class, UnknownHostException.class, UnresolvedAddressException.class);
        return new ConnectFailures("cannot connect to " + endpoint + ": " + describe(unreachable != null ? unreachable : error), false);
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

    static String describe(Throwable error) {
        if (error == null) {
            return "no reason given";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
