package dev.berth.server.store;

/** The enrollment that holds a certificate: {@code kind} is {@code enrollment} or {@code enrollmentGroup}. */
public record CertificateOwner(String kind, String id) {
    public static final String INDIVIDUAL = "enrollment";
    public static final String GROUP = "enrollmentGroup";
}
