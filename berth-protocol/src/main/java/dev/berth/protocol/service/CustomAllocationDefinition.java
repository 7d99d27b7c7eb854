package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomAllocationDefinition(String webhookUrl, String apiVersion) {
}
