package dev.berth.app.pki;

import dev.berth.server.pki.Certificates;
import dev.berth.server.pki.PemFiles;
import dev.berth.server.pki.Pkcs12Files;
import dev.berth.server.pki.PrivateKeyFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes what a {@code berth pki} command issued and says what it wrote. Every target is checked before the
 * first is written, so a refused overwrite leaves no half-written set behind.
 *
 * @param chain the chain its holder presents (leaf first, no root), or null when no chain file is wanted
 * @param key   the new private key, or null when it is not kept (proof-of-possession certificates)
 */
record IssuedFiles(String what, X509Certificate certificate, List<X509Certificate> chain, PrivateKey key) {

    static final String NOT_FOR_PRODUCTION = "NOT FOR PRODUCTION: keys generated on this machine, unencrypted unless a password"
            + " is given; use your own PKI/HSM for production.";

    void write(CommandSpec spec, OutputOptions output, KeyProtectionOptions protection, String defaultName) {
        String name = output.nameOr(defaultName);
        Path dir = output.directory;
        Path certificateFile = dir.resolve(name + ".cert.pem");
        Path chainFile = dir.resolve(name + ".chain.pem");
        Path keyFile = dir.resolve(name + ".key.pem");
        Path p12File = dir.resolve(name + ".p12");
        boolean p12 = key != null && protection != null && protection.p12Password != null;
        List<Path> targets = new ArrayList<>(List.of(certificateFile));
        if (chain != null) {
            targets.add(chainFile);
        }
        if (key != null) {
            targets.add(keyFile);
        }
        if (p12) {
            targets.add(p12File);
        }
        refuseOverwrite(targets, output.force);

        PemFiles.writeCertificates(certificateFile, List.of(certificate));
        if (chain != null) {
            PemFiles.writeCertificates(chainFile, chain);
        }
        if (key != null) {
            PrivateKeyFiles.write(keyFile, key, protection == null ? null : protection.keyPasswordChars());
        }
        if (p12) {
            Pkcs12Files.write(p12File, name, key, chain == null ? List.of(certificate) : chain, protection.p12Password.toCharArray());
        }
        report(spec, targets, key != null && (protection == null || protection.keyPassword == null));
    }

    private static void refuseOverwrite(List<Path> targets, boolean force) {
        if (force) {
            return;
        }
        for (Path target : targets) {
            if (Files.exists(target)) {
                throw new IllegalArgumentException(target + " already exists; use --force to overwrite it, or another --out or --name");
            }
        }
    }

    private void report(CommandSpec spec, List<Path> written, boolean plainKey) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Created " + what + ": " + certificate.getSubjectX500Principal().getName());
        out.printf("  CN                  %s%n", Certificates.commonName(certificate));
        out.printf("  SHA-256 thumbprint  %s%n", Certificates.sha256Thumbprint(certificate));
        out.printf("  issuer              %s%n", certificate.getIssuerX500Principal().getName());
        out.printf("  valid until         %s%n", certificate.getNotAfter().toInstant());
        for (Path file : written) {
            out.printf("  wrote               %s%n", file.toAbsolutePath().normalize());
        }
        out.flush();
        if (key != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(NOT_FOR_PRODUCTION + (plainKey ? " The private key was written UNENCRYPTED." : ""));
            err.flush();
        }
    }
}
