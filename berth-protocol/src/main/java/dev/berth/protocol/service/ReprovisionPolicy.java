package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(ignoreUnknown = true)
public record ReprovisionPolicy(boolean updateHubAssignment, boolean migrateDeviceData) {
    public static final ReprovisionPolicy DEFAULT = new ReprovisionPolicy(true, true);
}
