package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.service.CertificateListDescription;
import dev.berth.protocol.service.CertificateProperties;
import dev.berth.protocol.service.CertificateResponse;
import dev.berth.server.ProvisioningException;
import dev.berth.server.pki.Certificates;
import dev.berth.server.store.CaCertificateRecord;
import dev.berth.server.store.CaCertificateStore;
import dev.berth.server.store.EnrollmentStore;
import dev.berth.server.store.Page;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code /certificates/{name}}: the registry of CA certificates, shaped like the DPS management API. A CA becomes
 * verified by proof of possession ({@link ProofOfPossession}) or by {@code isVerified:true} on upload, which trusts
 * the uploader. Runs on a worker thread (the store blocks).
 */
final class CaCertificateResource {
    static final int VERIFICATION_CODE_BYTES = 24;
    private static final String EXPECTED_UPLOAD = "{\"certificate\":\"<CA certificate PEM or base64 DER>\",\"isVerified\":false}";

    private final EnrollmentStore reader;
    private final CaCertificateStore registry;
    private final SecureRandom random;
    private final Clock clock;

    CaCertificateResource(EnrollmentStore reader, CaCertificateStore registry, SecureRandom random, Clock clock) {
        this.reader = reader;
        this.registry = registry;
        this.random = random;
        this.clock = clock;
    }

    /**
     * A different certificate starts unverified (unless {@code isVerified:true}); uploading the same certificate
     * again without {@code isVerified} keeps its verification state and pending code.
     */
    ServiceResponse put(ServiceRequest request) {
        String name = Identifiers.requireCaName(request.id());
        CertificateUpload upload = CertificateUpload.read(request.body(), EXPECTED_UPLOAD);
        X509Certificate certificate = UploadedCertificates.readOne(upload.certificate(), "certificate", clock.instant(),
                DpsErrorCode.BAD_REQUEST);
        if (!Certificates.isCa(certificate)) {
            throw new ProvisioningException(DpsErrorCode.BAD_REQUEST, "the certificate (" + certificate.getSubjectX500Principal()
                    .getName() + ") is not a CA certificate (it lacks basicConstraints CA:true); register the root or"
                    + " intermediate CA that signs device certificates");
        }
        String thumbprint = Certificates.sha256Thumbprint(certificate);
        Optional<CaCertificateRecord> current = reader.findCaCertificate(name)
                .filter(ca -> ca.sha256Thumbprint().equalsIgnoreCase(thumbprint));
        boolean keep = current.isPresent() && upload.isVerified() == null;
        boolean verified = keep ? current.get().verified() : Boolean.TRUE.equals(upload.isVerified());
        CaCertificateRecord stored = registry.putCaCertificate(new CaCertificateRecord(name, upload.certificate(), thumbprint,
                verified, keep ? current.get().verificationCode() : null, null, null, null), request.ifMatch());
        return answer(stored, false);
    }

    ServiceResponse get(ServiceRequest request) {
        return answer(find(request.id()), false);
    }

    ServiceResponse list() {
        List<CertificateResponse> all = new ArrayList<>();
        String continuation = null;
        do {
            Page<CaCertificateRecord> page = registry.listCaCertificates(1000, continuation);
            page.items().forEach(ca -> all.add(toWire(ca, false)));
            continuation = page.continuation();
        } while (continuation != null);
        return ServiceResponse.ok(new CertificateListDescription(all));
    }

    ServiceResponse delete(ServiceRequest request) {
        if (!registry.deleteCaCertificate(request.id(), request.ifMatch())) {
            throw notFound(request.id());
        }
        return ServiceResponse.noContent();
    }

    /** A new code replaces the previous one; verification state is unchanged until a proof arrives. */
    ServiceResponse generateVerificationCode(ServiceRequest request) {
        CaCertificateRecord current = find(request.id());
        byte[] bytes = new byte[VERIFICATION_CODE_BYTES];
        random.nextBytes(bytes);
        String code = HexFormat.of().withUpperCase().formatHex(bytes);
        CaCertificateRecord stored = registry.putCaCertificate(new CaCertificateRecord(current.name(), current.certificatePem(),
                current.sha256Thumbprint(), current.verified(), code, null, null, null), ifMatchOr(request, current));
        return answer(stored, true);
    }

    ServiceResponse verify(ServiceRequest request) {
        CaCertificateRecord current = find(request.id());
        CertificateUpload proof = CertificateUpload.read(request.body(), "{\"certificate\":\"<PEM of the certificate with"
                + " CN=<verification code>, signed by this CA>\"}");
        ProofOfPossession.check(current, proof.certificate(), clock.instant());
        CaCertificateRecord stored = registry.putCaCertificate(new CaCertificateRecord(current.name(), current.certificatePem(),
                current.sha256Thumbprint(), true, null, null, null, null), ifMatchOr(request, current));
        return answer(stored, false);
    }

    /** Without If-Match the write is still conditional on the version just read, so a concurrent change is not lost. */
    private static String ifMatchOr(ServiceRequest request, CaCertificateRecord current) {
        return request.ifMatch() == null || request.ifMatch().isBlank() ? current.etag() : request.ifMatch();
    }

    private CaCertificateRecord find(String name) {
        return reader.findCaCertificate(name).orElseThrow(() -> notFound(name));
    }

    private static ServiceResponse answer(CaCertificateRecord ca, boolean withCode) {
        return ServiceResponse.ok(toWire(ca, withCode), ca.etag());
    }

    static CertificateResponse toWire(CaCertificateRecord ca, boolean withCode) {
        X509Certificate certificate = Certificates.parseOne(ca.certificatePem());
        return new CertificateResponse(ca.name(), ca.etag(), new CertificateProperties(
                certificate.getSubjectX500Principal().getName(), rfc1123(certificate.getNotAfter().toInstant()),
                Certificates.sha1Thumbprint(certificate), ca.sha256Thumbprint(), ca.verified(), rfc1123(ca.createdAt()),
                rfc1123(ca.updatedAt()), ca.certificatePem(), withCode ? ca.verificationCode() : null));
    }

    /** The management API writes these dates as RFC 1123, e.g. {@code Tue, 3 Jun 2008 11:05:30 GMT}. */
    private static String rfc1123(Instant instant) {
        return instant == null ? null : DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    static ProvisioningException notFound(String name) {
        return new ProvisioningException(DpsErrorCode.NOT_FOUND, "there is no CA certificate named '" + name
                + "'; GET /certificates lists the registered ones");
    }
}
