package dev.berth.app;

import dev.berth.app.ca.CaProof;
import dev.berth.app.ca.CaRegistry;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.server.pki.PemFiles;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the demo's four enrollments through the service API, as a user would with the CLI, and returns the
 * devices to provision: individual and group, each with a symmetric key and with an X.509 certificate.
 */
final class DemoEnrollments {
    static final String KEY_DEVICE = "demo-device-1";
    static final String KEY_GROUP = "demo-group";
    static final String X509_DEVICE = "demo-x509-device-1";
    static final String X509_GROUP = "demo-x509-group";
    static final String CA_NAME = "demo-test-root";

    private final ServiceApiClient api;
    private final int groupDevices;
    private final PrintWriter out;

    DemoEnrollments(ServiceApiClient api, int groupDevices, PrintWriter out) {
        this.api = api;
        this.groupDevices = groupDevices;
        this.out = out;
    }

    List<DemoDevices.Device> symmetricKey() {
        var individual = new EnrollmentCommand.Create();
        individual.registrationId = KEY_DEVICE;
        String deviceKey = api.put(EnrollmentKind.INDIVIDUAL.path(KEY_DEVICE), individual.enrollment())
                .path("attestation").path("symmetricKey").path("primaryKey").asText();
        var group = new GroupCommand.Create();
        group.groupId = KEY_GROUP;
        String groupKey = api.put(EnrollmentKind.GROUP.path(KEY_GROUP), group.enrollment())
                .path("attestation").path("symmetricKey").path("primaryKey").asText();

        List<DemoDevices.Device> devices = new ArrayList<>();
        devices.add(new DemoDevices.Device(KEY_DEVICE, "individual", "key", SymmetricKeyCredential.of(deviceKey)));
        for (int i = 1; i <= groupDevices; i++) {
            String registrationId = KEY_GROUP + "-device-" + i;
            devices.add(new DemoDevices.Device(registrationId, "group " + KEY_GROUP, "key",
                    SymmetricKeyCredential.forGroupDevice(groupKey, registrationId)));
        }
        return devices;
    }

    /** Registers and proves the test root CA, then enrolls a self-signed device and a group that references the CA. */
    List<DemoDevices.Device> x509(DemoTestPki pki) {
        CaRegistry registry = new CaRegistry(api);
        registry.upload(CA_NAME, PemFiles.toPem(pki.root()), null);
        out.println("Registered the test root CA as '" + CA_NAME + "' and proved possession of its key through the service API:");
        CaProof.prove(registry, CA_NAME, pki.rootSigner(), step -> out.println("  " + step));
        out.flush();

        var individual = new EnrollmentCommand.Create();
        individual.registrationId = X509_DEVICE;
        individual.certificate = pki.selfSignedDevice(X509_DEVICE);
        api.put(EnrollmentKind.INDIVIDUAL.path(X509_DEVICE), individual.enrollment());
        var group = new GroupCommand.Create();
        group.groupId = X509_GROUP;
        group.caReference = CA_NAME;
        api.put(EnrollmentKind.GROUP.path(X509_GROUP), group.enrollment());

        List<DemoDevices.Device> devices = new ArrayList<>();
        devices.add(new DemoDevices.Device(X509_DEVICE, "individual", "x509", pki.credential(X509_DEVICE)));
        for (int i = 1; i <= groupDevices; i++) {
            String registrationId = X509_GROUP + "-device-" + i;
            pki.groupDevice(registrationId);
            devices.add(new DemoDevices.Device(registrationId, "group " + X509_GROUP, "x509", pki.credential(registrationId)));
        }
        return devices;
    }
}
