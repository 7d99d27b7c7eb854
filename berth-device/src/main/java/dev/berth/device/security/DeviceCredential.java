package dev.berth.device.security;

/**
 * How a device proves who it is to the provisioning service and, later, to its hub. One of a fixed set of
 * kinds, so transports can switch over it exhaustively: a symmetric key (SAS tokens) or an X.509 certificate (TLS).
 */
public sealed interface DeviceCredential permits SymmetricKeyCredential, X509Credential {
}
