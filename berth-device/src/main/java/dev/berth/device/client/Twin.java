package dev.berth.device.client;

/** The device twin as the device sees it: desired properties (set by the service) and reported ones (set by the device). */
public record Twin(TwinProperties desired, TwinProperties reported) {
}
