package dev.berth.server.attestation;

import java.security.cert.X509Certificate;
import java.util.List;

/** What a device proved itself with; the hub identity is later made from the same evidence. */
public sealed interface DeviceEvidence {

    /** The symmetric key the SAS token was signed with (an enrollment key or a group-derived key). */
    record SymmetricKey(String key) implements DeviceEvidence {
    }

    /**
     * A TLS client certificate. {@code chain} is as presented (leaf first); {@code signer} is the CA
     * certificate of the enrollment group that anchored it, or null for an individual enrollment.
     */
    record X509(X509Certificate leaf, List<X509Certificate> chain, X509Certificate signer) implements DeviceEvidence {
        public X509 {
            chain = List.copyOf(chain);
        }
    }
}
