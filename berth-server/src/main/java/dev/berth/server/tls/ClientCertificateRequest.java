package dev.berth.server.tls;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.TrustOptions;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * How both listeners ask for device certificates: requested, never required (SAS and X.509 devices share
 * the ports), with an EMPTY list of acceptable CAs. The official Java SDK offers a self-signed device
 * certificate only when that list is empty. The TLS layer accepts any client certificate the client can
 * prove it holds the key of; whether the chain is trusted is decided in code, per enrollment, so the
 * refusal can say exactly what is wrong.
 */
public final class ClientCertificateRequest {
    private ClientCertificateRequest() {
    }

    public static <T extends NetServerOptions> T apply(T options) {
        options.setClientAuth(ClientAuth.REQUEST);
        options.setTrustOptions(TrustOptions.wrap(new AnyClientCertificate()));
        return options;
    }

    private static final class AnyClientCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // validated by the X.509 attestor after the handshake
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a server listener does not check server certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
