package dev.berth.device.provisioning.internal;

import dev.berth.device.provisioning.ProxySettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The two DPS REST calls a registration makes: {@code PUT /{idScope}/registrations/{regId}/register} and
 * {@code GET /{idScope}/registrations/{regId}/operations/{operationId}}, with the headers the official SDKs
 * send and a fresh SAS token each time.
 */
final class HttpsRequests {

    static final String API_VERSION = "2019-03-31";

    private HttpsRequests() {
    }

    static HttpRequest register(ProvisioningSettings settings, byte[] body) {
        return request(settings, "/register")
                .header("Content-Type", "application/json; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    static HttpRequest operationStatus(ProvisioningSettings settings, String operationId) {
        return request(settings, "/operations/" + pathSegment(operationId)).GET().build();
    }

    static URI uri(ProvisioningSettings settings, String tail) {
        String host = settings.host().indexOf(':') >= 0 ? "[" + settings.host() + "]" : settings.host();
        return URI.create("https://" + host + ":" + settings.port() + "/" + pathSegment(settings.idScope())
                + "/registrations/" + pathSegment(settings.registrationId()) + tail + "?api-version=" + API_VERSION);
    }

    private static HttpRequest.Builder request(ProvisioningSettings settings, String tail) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(settings, tail))
                .timeout(settings.operationTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", SdkVersion.CLIENT_VERSION);
        // an X.509 device sends no Authorization: its certificate is in the TLS handshake
        SasTokens.forRegistration(settings).ifPresent(sas -> builder.header("Authorization", sas));
        ProxySettings proxy = settings.proxy();
        if (proxy != null && proxy.hasCredentials()) {
            // java.net.http copies Proxy-* headers onto the CONNECT and keeps them off the tunnelled request,
            // provided Basic is not disabled for tunnels (ProxyTunnelAuth; the builder checks)
            builder.header("Proxy-Authorization", basic(proxy));
        }
        return builder;
    }

    /** RFC 7617 Basic credentials, UTF-8 encoded as Netty does for the MQTT transports. */
    static String basic(ProxySettings proxy) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (proxy.username() + ":" + proxy.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters and ':' (legal in a path segment). */
    static String pathSegment(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
