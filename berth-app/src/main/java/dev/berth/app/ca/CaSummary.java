package dev.berth.app.ca;

import dev.berth.app.TextTable;
import dev.berth.protocol.service.CertificateProperties;
import dev.berth.protocol.service.CertificateResponse;
import java.io.PrintWriter;
import java.util.List;

/** How the {@code ca} commands print a registered CA: a block for one, a table for many. */
final class CaSummary {

    private CaSummary() {
    }

    static void print(PrintWriter out, CertificateResponse ca) {
        CertificateProperties p = ca.properties();
        out.printf("  subject:             %s%n", p.subject());
        out.printf("  verified:            %s%n", p.isVerified() ? "yes" : "no");
        out.printf("  expires:             %s%n", p.expiry());
        out.printf("  SHA-256 thumbprint:  %s%n", p.sha256Thumbprint());
        out.printf("  SHA-1 thumbprint:    %s%n", p.thumbprint());
        out.printf("  created:             %s%n", p.created());
        out.printf("  updated:             %s%n", p.updated());
        out.flush();
    }

    static void table(PrintWriter out, List<CertificateResponse> all) {
        TextTable table = new TextTable("NAME", "VERIFIED", "SUBJECT", "EXPIRES", "SHA-256 THUMBPRINT");
        for (CertificateResponse ca : all) {
            CertificateProperties p = ca.properties();
            String thumbprint = p.sha256Thumbprint() == null ? null : p.sha256Thumbprint().substring(0, Math.min(16, p.sha256Thumbprint().length())) + "…";
            table.row(ca.name(), p.isVerified() ? "yes" : "no", p.subject(), p.expiry(), thumbprint);
        }
        table.print(out);
    }
}
