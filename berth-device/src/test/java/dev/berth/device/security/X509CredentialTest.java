package dev.berth.device.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class X509CredentialTest {

    private static final char[] PASSWORD = "s3cret-pass".toCharArray();

    private static KeyPair caKeys;
    private static X509Certificate ca;
    private static KeyPair ecDeviceKeys;
    private static X509Certificate ecDevice;
    private static KeyPair rsaDeviceKeys;
    private static X509Certificate rsaDevice;

    @TempDir
    Path dir;

    @BeforeAll
    static void issueCertificates() {
        caKeys = X509TestPki.ecKeys();
        ca = X509TestPki.certificate("CN=Test CA", caKeys.getPublic(), "CN=Test CA", caKeys.getPrivate(), true);
        ecDeviceKeys = X509TestPki.ecKeys();
        ecDevice = X509TestPki.certificate("O=Berth,CN=ec-device-01", ecDeviceKeys.getPublic(), "CN=Test CA", caKeys.getPrivate(), false);
        rsaDeviceKeys = X509TestPki.rsaKeys();
        rsaDevice = X509TestPki.certificate("CN=rsa-device-01", rsaDeviceKeys.getPublic(), "CN=Test CA", caKeys.getPrivate(), false);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void chain_file_and_plain_pkcs8_key_give_the_leaf_cn_as_registration_id() throws Exception {
        Path chain = write("device.chain.pem", X509TestPki.pem(ecDevice, ca));
        Path key = write("device.key.pem", X509TestPki.pkcs8Pem(ecDeviceKeys.getPrivate()));

        X509Credential credential = X509Credential.fromPem(chain, key, null);

        assertThat(credential.registrationId()).isEqualTo("ec-device-01");
        assertThat(credential.certificateChain()).containsExactly(ecDevice, ca);
        assertThat(credential.certificate()).isEqualTo(ecDevice);
    }

    @Test
    void encrypted_pkcs8_key_opens_with_its_password() throws Exception {
        String pem = X509TestPki.encryptedPkcs8Pem(ecDeviceKeys.getPrivate(), PASSWORD);
        assertThat(pem).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        X509Credential credential = X509Credential.fromPem(write("c.pem", X509TestPki.pem(ecDevice)), write("k.pem", pem), PASSWORD);

        assertThat(credential.registrationId()).isEqualTo("ec-device-01");
    }

    @Test
    void encrypted_rsa_key_opens_with_its_password() {
        String pem = X509TestPki.encryptedPkcs8Pem(rsaDeviceKeys.getPrivate(), PASSWORD);

        assertThat(X509Credential.fromPem(X509TestPki.pem(rsaDevice), pem, PASSWORD).registrationId()).isEqualTo("rsa-device-01");
    }

    @Test
    void wrong_password_is_reported_as_such() throws Exception {
        Path key = write("k.pem", X509TestPki.encryptedPkcs8Pem(ecDeviceKeys.getPrivate(), PASSWORD));
        Path cert = write("c.pem", X509TestPki.pem(ecDevice));

        assertThatThrownBy(() -> X509Credential.fromPem(cert, key, "not-it".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the private key password is wrong").hasMessageContaining(key.toString());
    }

    @Test
    void encrypted_key_without_a_password_asks_for_it() throws Exception {
        Path key = write("k.pem", X509TestPki.encryptedPkcs8Pem(ecDeviceKeys.getPrivate(), PASSWORD));

        assertThatThrownBy(() -> X509Credential.fromPem(write("c.pem", X509TestPki.pem(ecDevice)), key, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is encrypted; give its password").hasMessageContaining(key.toString());
    }

    @Test
    void pkcs1_rsa_key_is_read() {
        String pem = X509TestPki.traditionalPem(rsaDeviceKeys);
        assertThat(pem).contains("-----BEGIN RSA PRIVATE KEY-----");

        assertThat(X509Credential.fromPem(X509TestPki.pem(rsaDevice), pem, null).registrationId()).isEqualTo("rsa-device-01");
    }

    @Test
    void sec1_ec_key_is_read() {
        String pem = X509TestPki.traditionalPem(ecDeviceKeys);
        assertThat(pem).contains("-----BEGIN EC PRIVATE KEY-----");

        assertThat(X509Credential.fromPem(X509TestPki.pem(ecDevice), pem, null).registrationId()).isEqualTo("ec-device-01");
    }

    @Test
    void legacy_openssl_encrypted_rsa_and_ec_keys_open_with_their_password() {
        String rsaPem = X509TestPki.legacyEncryptedPem(rsaDeviceKeys, PASSWORD);
        String ecPem = X509TestPki.legacyEncryptedPem(ecDeviceKeys, PASSWORD);
        assertThat(rsaPem).contains("Proc-Type: 4,ENCRYPTED").contains("BEGIN RSA PRIVATE KEY");

        assertThat(X509Credential.fromPem(X509TestPki.pem(rsaDevice), rsaPem, PASSWORD).registrationId()).isEqualTo("rsa-device-01");
        assertThat(X509Credential.fromPem(X509TestPki.pem(ecDevice), ecPem, PASSWORD).registrationId()).isEqualTo("ec-device-01");
        assertThatThrownBy(() -> X509Credential.fromPem(X509TestPki.pem(ecDevice), ecPem, "wrong".toCharArray()))
                .hasMessageContaining("the private key password is wrong");
        assertThatThrownBy(() -> X509Credential.fromPem(X509TestPki.pem(ecDevice), ecPem, null))
                .hasMessageContaining("is encrypted; give its password");
    }

    @Test
    void key_of_another_device_is_refused() {
        String otherKey = X509TestPki.pkcs8Pem(X509TestPki.ecKeys().getPrivate());

        assertThatThrownBy(() -> X509Credential.fromPem(X509TestPki.pem(ecDevice), otherKey, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the private key does not match the device certificate");
        assertThatThrownBy(() -> X509Credential.fromPem(X509TestPki.pem(rsaDevice), X509TestPki.pkcs8Pem(ecDeviceKeys.getPrivate()), null))
                .hasMessageContaining("does not match");
    }

    @Test
    void chain_with_the_leaf_not_first_says_so() {
        String key = X509TestPki.pkcs8Pem(ecDeviceKeys.getPrivate());

        assertThatThrownBy(() -> X509Credential.fromPem(X509TestPki.pem(ca, ecDevice), key, null))
                .hasMessageContaining("belongs to certificate 2").hasMessageContaining("put the device certificate first");
    }

    @Test
    void missing_files_are_named() throws Exception {
        Path key = write("k.pem", X509TestPki.pkcs8Pem(ecDeviceKeys.getPrivate()));
        Path cert = write("c.pem", X509TestPki.pem(ecDevice));
        Path missing = dir.resolve("nope.pem");

        assertThatThrownBy(() -> X509Credential.fromPem(missing, key, null))
                .hasMessageContaining("cannot read the device certificate file " + missing).hasMessageContaining("no such file");
        assertThatThrownBy(() -> X509Credential.fromPem(cert, missing, null))
                .hasMessageContaining("cannot read the private key file " + missing);
    }

    @Test
    void certificate_file_without_a_certificate_is_refused() throws Exception {
        Path key = write("k.pem", X509TestPki.pkcs8Pem(ecDeviceKeys.getPrivate()));

        assertThatThrownBy(() -> X509Credential.fromPem(key, key, null))
                .hasMessageContaining("no certificate found in " + key);
    }

    @Test
    void key_file_without_a_key_is_refused() throws Exception {
        Path cert = write("c.pem", X509TestPki.pem(ecDevice));

        assertThatThrownBy(() -> X509Credential.fromPem(cert, cert, null))
                .hasMessageContaining("no private key found in " + cert).hasMessageContaining("holds a certificate");
    }

    @Test
    void pkcs12_with_one_key_entry_opens_with_its_password() {
        Path p12 = X509TestPki.pkcs12(dir.resolve("d.p12"), "any-alias", rsaDeviceKeys.getPrivate(), PASSWORD, rsaDevice, ca);

        X509Credential credential = X509Credential.fromPkcs12(p12, PASSWORD);

        assertThat(credential.registrationId()).isEqualTo("rsa-device-01");
        assertThat(credential.certificateChain()).containsExactly(rsaDevice, ca);
    }

    @Test
    void pkcs12_with_a_wrong_password_is_refused() {
        Path p12 = X509TestPki.pkcs12(dir.resolve("d.p12"), "device", ecDeviceKeys.getPrivate(), PASSWORD, ecDevice);

        assertThatThrownBy(() -> X509Credential.fromPkcs12(p12, "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the PKCS#12 password is wrong");
        assertThatThrownBy(() -> X509Credential.fromPkcs12(dir.resolve("missing.p12"), PASSWORD))
                .hasMessageContaining("cannot read the PKCS#12 file").hasMessageContaining("missing.p12");
    }

    @Test
    void pkcs12_without_a_key_entry_is_refused() {
        Path p12 = X509TestPki.pkcs12(dir.resolve("ca.p12"), "ca", null, PASSWORD, ca);

        assertThatThrownBy(() -> X509Credential.fromPkcs12(p12, PASSWORD))
                .hasMessageContaining("holds no private key entry");
        assertThatThrownBy(() -> X509Credential.fromPkcs12(p12, PASSWORD, "ca"))
                .hasMessageContaining("is a certificate without a private key");
    }

    @Test
    void pkcs12_alias_picks_the_entry_and_an_unknown_alias_is_refused() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("ec", ecDeviceKeys.getPrivate(), PASSWORD, new X509Certificate[] {ecDevice});
        store.setKeyEntry("rsa", rsaDeviceKeys.getPrivate(), PASSWORD, new X509Certificate[] {rsaDevice});
        Path p12 = dir.resolve("two.p12");
        try (var out = Files.newOutputStream(p12)) {
            store.store(out, PASSWORD);
        }

        assertThat(X509Credential.fromPkcs12(p12, PASSWORD, "rsa").registrationId()).isEqualTo("rsa-device-01");
        assertThatThrownBy(() -> X509Credential.fromPkcs12(p12, PASSWORD)).hasMessageContaining("several private keys");
        assertThatThrownBy(() -> X509Credential.fromPkcs12(p12, PASSWORD, "other"))
                .hasMessageContaining("has no entry 'other'").hasMessageContaining("ec").hasMessageContaining("rsa");
    }

    @Test
    void key_store_entry_is_used_and_a_wrong_key_password_is_reported() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("device", ecDeviceKeys.getPrivate(), PASSWORD, new X509Certificate[] {ecDevice, ca});

        assertThat(X509Credential.fromKeyStore(store, "device", PASSWORD).certificateChain()).containsExactly(ecDevice, ca);
        assertThatThrownBy(() -> X509Credential.fromKeyStore(store, "device", "wrong".toCharArray()))
                .hasMessageContaining("the private key password is wrong");
        assertThatThrownBy(() -> X509Credential.fromKeyStore(store, "nobody", PASSWORD)).hasMessageContaining("has no entry 'nobody'");
    }

    @Test
    void certificate_without_a_cn_is_refused() {
        KeyPair keys = X509TestPki.ecKeys();
        X509Certificate noCn = X509TestPki.certificate("O=Berth", keys.getPublic(), "CN=Test CA", caKeys.getPrivate(), false);

        assertThatThrownBy(() -> X509Credential.fromPem(X509TestPki.pem(noCn), X509TestPki.pkcs8Pem(keys.getPrivate()), null))
                .hasMessageContaining("has no CN").hasMessageContaining("registration ID");
    }

    @Test
    void to_string_names_the_subject_but_never_the_key() {
        X509Credential credential = X509Credential.of(ecDeviceKeys.getPrivate(), java.util.List.of(ecDevice));

        assertThat(credential.toString()).contains("CN=ec-device-01").contains("key hidden")
                .doesNotContain(X509TestPki.pkcs8Pem(ecDeviceKeys.getPrivate()).lines().skip(1).findFirst().orElseThrow());
    }
}
