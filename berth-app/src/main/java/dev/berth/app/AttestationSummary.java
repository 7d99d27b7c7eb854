package dev.berth.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** How the CLI describes an enrollment's attestation: "key" or "x509", and each certificate's subject, thumbprint and expiry. */
final class AttestationSummary {

    private AttestationSummary() {
    }

    /** "key", "x509", or the server's type as it is for anything else. */
    static String type(JsonNode enrollment) {
        String type = EnrollmentKind.text(enrollment.path("attestation"), "type");
        return "symmetricKey".equals(type) ? "key" : type;
    }

    static boolean isX509(JsonNode enrollment) {
        return "x509".equals(type(enrollment));
    }

    /** Label and text of each certificate or CA reference, for the summary after create. */
    static List<String[]> certificateLines(JsonNode enrollment) {
        JsonNode x509 = enrollment.path("attestation").path("x509");
        List<String[]> lines = new ArrayList<>();
        addCertificate(lines, "certificate", x509.path("clientCertificates").path("primary"));
        addCertificate(lines, "secondary cert", x509.path("clientCertificates").path("secondary"));
        addCertificate(lines, "signing CA", x509.path("signingCertificates").path("primary"));
        addCertificate(lines, "secondary CA", x509.path("signingCertificates").path("secondary"));
        JsonNode references = x509.path("caReferences");
        if (EnrollmentKind.text(references, "primary") != null) {
            lines.add(new String[] {"CA reference", EnrollmentKind.text(references, "primary")});
        }
        if (EnrollmentKind.text(references, "secondary") != null) {
            lines.add(new String[] {"secondary CA", EnrollmentKind.text(references, "secondary")});
        }
        return lines;
    }

    private static void addCertificate(List<String[]> lines, String label, JsonNode withInfo) {
        if (withInfo.isMissingNode() || withInfo.isNull() || withInfo.isEmpty()) {
            return;
        }
        JsonNode info = withInfo.path("info");
        lines.add(new String[] {label, EnrollmentKind.text(info, "subjectName") + ", SHA-256 " + EnrollmentKind.text(info,
                "sha256Thumbprint") + ", expires " + EnrollmentKind.text(info, "notAfterUtc")});
    }

    /** One table cell: the primary certificate (subject; short thumbprint; expiry date) or the CA reference; null for keys. */
    static String cell(JsonNode enrollment) {
        JsonNode x509 = enrollment.path("attestation").path("x509");
        String reference = EnrollmentKind.text(x509.path("caReferences"), "primary");
        if (reference != null) {
            return "CA " + reference;
        }
        JsonNode primary = x509.path("clientCertificates").path("primary");
        if (primary.isMissingNode()) {
            primary = x509.path("signingCertificates").path("primary");
        }
        JsonNode info = primary.path("info");
        if (info.isMissingNode()) {
            return null;
        }
        String thumbprint = String.valueOf(EnrollmentKind.text(info, "sha256Thumbprint"));
        String expiry = String.valueOf(EnrollmentKind.text(info, "notAfterUtc"));
        return EnrollmentKind.text(info, "subjectName") + "; SHA-256 " + thumbprint.substring(0, Math.min(16, thumbprint.length()))
                + "…; until " + expiry.substring(0, Math.min(10, expiry.length()));
    }
}
