package dev.berth.device.security;

/**
 * How a device proves who it is to the provisioning service and, later, to its hub. One of a fixed set of
 * kinds, so transports can switch over it exhaustively; more kinds (X.509) join the permits list.
 */
public sealed interface DeviceCredential permits SymmetricKeyCredential {
}
