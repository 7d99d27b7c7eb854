package dev.berth.device.provisioning;

/** Where a registration stands. Only {@link #ASSIGNED} means the device may go on to its hub. */
public enum ProvisioningStatus {
    UNASSIGNED,
    ASSIGNING,
    ASSIGNED,
    FAILED,
    DISABLED
}
