package dev.berth.app.pki;

import dev.berth.app.CertificateFiles;
import dev.berth.server.pki.SigningCa;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The CA that signs: its certificate, its key (possibly encrypted) and, optionally, the chain above it. */
final class CaOptions {

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "PEM certificate of the signing CA (e.g. root.cert.pem or intermediate.chain.pem; certificates after the first are its chain).")
    Path certificate;

    @Option(names = "--ca-key", paramLabel = "FILE", description = "PEM private key of the signing CA.")
    Path key;

    @Option(names = "--ca-key-password", paramLabel = "PASSWORD", description = "Password of the CA key, if it is encrypted.")
    String keyPassword;

    @Option(names = "--chain", paramLabel = "FILE",
            description = "PEM certificates above the signing CA (its intermediates), to include in the output chain.")
    Path chain;

    boolean anyGiven() {
        return certificate != null || key != null || keyPassword != null || chain != null;
    }

    /** @throws IllegalArgumentException with a message naming the option to fix */
    SigningCa load() {
        if (certificate == null || key == null) {
            throw new IllegalArgumentException("the signing CA is missing: give " + (certificate == null ? "--ca-cert" : "--ca-key")
                    + " (both --ca-cert and --ca-key are needed)");
        }
        return CertificateFiles.signingCa(certificate, key, keyPassword, chain);
    }
}
