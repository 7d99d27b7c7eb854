package dev.berth.server.store;

/**
 * The write side of registered CA certificates. The store owns {@code createdAt}, {@code updatedAt} and
 * {@code etag}; {@code ifMatch} is null or {@code *} for "any version".
 */
public interface CaCertificateStore {

    /**
     * Creates or replaces, storing {@code verified} and {@code verificationCode} exactly as given: the caller decides
     * whether a new upload resets verification. The thumbprint is upper-cased.
     *
     * @throws PreconditionFailedException on an etag mismatch
     * @throws ConflictException when the same certificate is registered under another name
     */
    CaCertificateRecord putCaCertificate(CaCertificateRecord record, String ifMatch);

    /** Ordered by name. */
    Page<CaCertificateRecord> listCaCertificates(int maxItems, String continuation);

    /**
     * @return false when there was nothing to delete
     * @throws PreconditionFailedException on an etag mismatch
     * @throws ConflictException while enrollment groups name the CA in their caReferences
     */
    boolean deleteCaCertificate(String name, String ifMatch);
}
