package dev.berth.device.provisioning;

/** Why an assigned device got the hub it got, as DPS reports it. */
public enum ProvisioningSubstatus {
    /** First assignment of this device, or one after the enrollment's hubs changed with no data to keep. */
    INITIAL_ASSIGNMENT,
    /** Reprovisioned to another hub; its twin data moved with it. */
    DEVICE_DATA_MIGRATED,
    /** Reprovisioned to another hub; its twin was reset to the enrollment's initial twin. */
    DEVICE_DATA_RESET,
    /** Reprovisioned back to its initial assignment. */
    REPROVISIONED_TO_INITIAL_ASSIGNMENT
}
