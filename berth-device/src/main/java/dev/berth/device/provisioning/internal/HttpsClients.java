package dev.berth.device.provisioning.internal;

import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningClientException.Reason;
import dev.berth.device.provisioning.ProxySettings;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A {@code java.net.http} client for one registration: HTTP/1.1, TLS 1.2/1.3 trusting only the configured
 * CA (and presenting the device certificate of an X.509 credential), host name checked, redirects not followed, and either the configured proxy or none at all (JVM-wide
 * proxy properties are ignored, as on the MQTT transports).
 */
final class HttpsClients {

    private HttpsClients() {
    }

    /** @throws ProvisioningClientException CONNECTION_FAILED when the proxy's host name does not resolve */
    static HttpClient create(ProvisioningSettings settings) {
        SSLParameters tls = new SSLParameters();
        tls.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(sslContext(settings))
                .sslParameters(tls)
                .connectTimeout(settings.operationTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        ProxySettings proxy = settings.proxy();
        if (proxy == null) {
            return builder.proxy(HttpClient.Builder.NO_PROXY).build();
        }
        InetSocketAddress address = new InetSocketAddress(proxy.host(), proxy.port());
        if (address.isUnresolved()) {
            throw new ProvisioningClientException(Reason.CONNECTION_FAILED, "cannot connect to " + settings.endpoint()
                    + ": the proxy host name '" + proxy.host() + "' does not resolve");
        }
        // no Authenticator: with one, java.net.http drops the request's own Authorization header (the SAS
        // token) and turns the service's 401 into an IOException; proxy credentials go in Proxy-Authorization
        // instead (HttpsRequests), which java.net.http sends on the CONNECT only
        return builder.proxy(ProxySelector.of(address)).build();
    }

    /**
     * Drops the client's connections at once on JDK 21+ ({@code shutdownNow}); older JDKs have no such call and
     * close the idle connection when the client is garbage collected.
     */
    static void shutdown(HttpClient client) {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(client);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | RuntimeException e) {
            // JDK 17-20: nothing to call
        }
    }

    private static SSLContext sslContext(ProvisioningSettings settings) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(SasTokens.clientCertificate(settings), settings.trustedCa().trustManagerFactory().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS: " + e.getMessage(), e);
        }
    }
}
