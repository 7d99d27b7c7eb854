package dev.berth.device.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** The key manager really presents the device's chain in a TLS handshake, as the transports will use it. */
class X509CredentialTlsTest {

    private static final char[] STORE_PASSWORD = "test".toCharArray();

    @Test
    void tls_client_presents_the_device_chain_to_a_server_that_requests_it() throws Exception {
        KeyPair rootKeys = X509TestPki.ecKeys();
        X509Certificate root = X509TestPki.certificate("CN=Root", rootKeys.getPublic(), "CN=Root", rootKeys.getPrivate(), true);
        KeyPair intermediateKeys = X509TestPki.rsaKeys();
        X509Certificate intermediate = X509TestPki.certificate("CN=Intermediate", intermediateKeys.getPublic(), "CN=Root",
                rootKeys.getPrivate(), true);
        KeyPair deviceKeys = X509TestPki.ecKeys();
        X509Certificate device = X509TestPki.certificate("CN=tls-device", deviceKeys.getPublic(), "CN=Intermediate",
                intermediateKeys.getPrivate(), false);
        X509Credential credential = X509Credential.fromPem(X509TestPki.pem(device, intermediate),
                X509TestPki.traditionalPem(deviceKeys), null);
        KeyPair serverKeys = X509TestPki.ecKeys();
        X509Certificate server = X509TestPki.certificate("CN=localhost", serverKeys.getPublic(), "CN=localhost",
                serverKeys.getPrivate(), false);

        SSLContext serverContext = context(serverKeyManager(serverKeys, server), trusting(root));
        SSLContext clientContext = context(credential.keyManagerFactory(), trusting(server));
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0)) {
            listener.setWantClientAuth(true); // requested, not required, as the Berth server does
            listener.setSoTimeout(10_000);
            CompletableFuture<Certificate[]> presented = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.setSoTimeout(10_000);
                    accepted.startHandshake();
                    Certificate[] peer = accepted.getSession().getPeerCertificates();
                    accepted.getOutputStream().write(1);
                    return peer;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory().createSocket("localhost", listener.getLocalPort())) {
                client.setSoTimeout(10_000);
                client.startHandshake();
                assertThat(client.getInputStream().read()).isEqualTo(1);
            }
            assertThat(List.of(presented.get(10, TimeUnit.SECONDS))).containsExactly(device, intermediate);
        }
    }

    private static KeyManagerFactory serverKeyManager(KeyPair keys, X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), STORE_PASSWORD, new X509Certificate[] {certificate});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, STORE_PASSWORD);
        return factory;
    }

    private static TrustManagerFactory trusting(X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("trusted", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private static SSLContext context(KeyManagerFactory keys, TrustManagerFactory trust) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
