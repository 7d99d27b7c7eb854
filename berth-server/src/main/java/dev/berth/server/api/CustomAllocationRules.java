package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.service.CustomAllocationDefinition;
import dev.berth.server.ProvisioningException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks {@code customAllocationDefinition} of a {@code custom} enrollment: the webhook must be an absolute
 * http(s) URL Berth can post to; {@code apiVersion} (the enrollment schema sent to the webhook) defaults to
 * {@value #DEFAULT_API_VERSION}. Other policies keep whatever definition was sent, as DPS does.
 */
final class CustomAllocationRules {
    static final String DEFAULT_API_VERSION = "2021-10-01";

    private CustomAllocationRules() {
    }

    static CustomAllocationDefinition resolve(String allocationPolicy, CustomAllocationDefinition definition) {
        if (!HubSelection.CUSTOM.equals(allocationPolicy)) {
            return definition;
        }
        if (definition == null || definition.webhookUrl() == null || definition.webhookUrl().isBlank()) {
            throw invalid("allocationPolicy 'custom' needs customAllocationDefinition {\"webhookUrl\":\"https://...\","
                    + " \"apiVersion\":\"" + DEFAULT_API_VERSION + "\"}: the webhook that chooses each device's hub");
        }
        String url = definition.webhookUrl().strip();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("customAllocationDefinition.webhookUrl '" + url + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw invalid("customAllocationDefinition.webhookUrl '" + url + "' must be an absolute http or https URL"
                    + " with a host, e.g. https://allocator.example.com/api/allocate");
        }
        String apiVersion = definition.apiVersion() == null || definition.apiVersion().isBlank()
                ? DEFAULT_API_VERSION : definition.apiVersion().strip();
        return new CustomAllocationDefinition(url, apiVersion);
    }

    private static ProvisioningException invalid(String message) {
        return new ProvisioningException(DpsErrorCode.INVALID_ENROLLMENT, message);
    }
}
