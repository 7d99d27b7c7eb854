-- X.509 attestation: registered CA certificates and the certificates enrollments hold.
-- name_key / owner_key / group_key hold lower-cased IDs (matched case-insensitively, as in V1).

-- Named CA certificates; verified after proof of possession (or when uploaded with isVerified).
CREATE TABLE ca_certificates (
    name_key          TEXT    NOT NULL PRIMARY KEY,
    name              TEXT    NOT NULL,
    certificate_pem   TEXT    NOT NULL,
    sha256_thumbprint TEXT    NOT NULL UNIQUE,
    verified          INTEGER NOT NULL,
    verification_code TEXT,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    etag              TEXT    NOT NULL
);

-- Every certificate in an X.509 attestation, by upper-case hex SHA-256 thumbprint. The primary key is the
-- rule that a certificate may be in only one enrollment. owner_kind is 'enrollment' or 'enrollmentGroup',
-- role is 'client' (clientCertificates) or 'signing' (signingCertificates). Written with the enrollment.
CREATE TABLE certificate_thumbprints (
    sha256_thumbprint TEXT NOT NULL PRIMARY KEY,
    owner_kind        TEXT NOT NULL,
    owner_key         TEXT NOT NULL,
    owner_id          TEXT NOT NULL,
    role              TEXT NOT NULL
);

CREATE INDEX certificate_thumbprints_by_owner ON certificate_thumbprints (owner_kind, owner_key);

-- The CA names an enrollment group's caReferences point at.
CREATE TABLE group_ca_references (
    ca_name_key TEXT NOT NULL,
    group_key   TEXT NOT NULL REFERENCES enrollment_groups (group_key) ON DELETE CASCADE,
    PRIMARY KEY (ca_name_key, group_key)
);

CREATE INDEX group_ca_references_by_group ON group_ca_references (group_key);
