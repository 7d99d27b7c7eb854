package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An enrollment group in the Azure service API schema (2021-10-01). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnrollmentGroup(
        String enrollmentGroupId,
        AttestationMechanism attestation,
        DeviceCapabilities capabilities,
        String iotHubHostName,
        InitialTwin initialTwin,
        String etag,
        String provisioningStatus,
        ReprovisionPolicy reprovisionPolicy,
        String createdDateTimeUtc,
        String lastUpdatedDateTimeUtc,
        String allocationPolicy,
        List<String> iotHubs,
        CustomAllocationDefinition customAllocationDefinition) {

    @JsonIgnore // not part of the Azure schema
    public boolean isEnabled() {
        return !"disabled".equalsIgnoreCase(provisioningStatus);
    }
}
