package dev.berth.app.pki;

import picocli.CommandLine.Option;

/** Passwords for the new private key: an encrypted PKCS#8 PEM and/or a PKCS#12 file. */
final class KeyProtectionOptions {

    @Option(names = "--key-password", paramLabel = "PASSWORD",
            description = "Write the private key as encrypted PKCS#8 (AES-256-CBC, PBKDF2) with this password; unencrypted without it.")
    String keyPassword;

    @Option(names = "--p12-password", paramLabel = "PASSWORD",
            description = "Also write NAME.p12 (certificate, chain and key) protected by this password.")
    String p12Password;

    char[] keyPasswordChars() {
        return keyPassword == null ? null : keyPassword.toCharArray();
    }
}
