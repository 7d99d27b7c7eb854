package dev.berth.hub.registry;

import dev.berth.hub.BerthHub;
import dev.berth.server.BerthServer;
import dev.berth.server.pki.PemFiles;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A real server with the embedded hub on free ports, SQLite in a temporary directory. */
final class HubTestServer implements AutoCloseable {
    static final String HUB = "hub.berth.test";

    final BerthHub hub;
    final BerthServer server;

    HubTestServer(Path dataDirectory) {
        hub = BerthHub.builder().hubHostNames(List.of(HUB)).build();
        server = BerthServer.builder().dataDirectory(dataDirectory).mqttPort(0).httpsPort(0).bindHost("127.0.0.1")
                .hostNames(List.of("localhost", HUB)).linkedHubs(List.of(HUB)).extension(hub).hubRegistry(hub.hubRegistry())
                .build().start();
    }

    /** The hub's own connection string, pointed at localhost and the bound port (the hub name does not resolve). */
    String localConnectionString() {
        return hub.serviceConnectionString(HUB, server.httpsPort()).replace("HostName=" + HUB, "HostName=localhost");
    }

    SSLContext trustingServerCa() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (X509Certificate ca : PemFiles.readCertificates(server.caCertificate())) {
            trust.setCertificateEntry("ca" + i++, ca);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    X509Certificate someCertificate() {
        return PemFiles.readCertificates(server.caCertificate()).get(0);
    }

    @Override
    public void close() {
        server.close();
    }
}
