package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceCapabilities(boolean iotEdge) {
    public static final DeviceCapabilities NONE = new DeviceCapabilities(false);
}
