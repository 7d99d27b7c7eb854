package dev.berth.device.provisioning.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningStatus;
import dev.berth.device.provisioning.ProvisioningSubstatus;
import dev.berth.protocol.dps.RegistrationOperationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegistrationResultsTest {

    @Test
    void assigned_answer_maps_every_field() {
        DeviceRegistrationResult result = finalResult("""
                {"operationId":"4.1a2b.c3","status":"assigned",
                 "registrationState":{"registrationId":"dev-01","createdDateTimeUtc":"2025-01-02T03:04:05.1234567Z",
                   "assignedHub":"hub1.example.net","deviceId":"dev-01-id","status":"assigned",
                   "substatus":"initialAssignment","lastUpdatedDateTimeUtc":"2025-01-02T03:04:05.2345678Z",
                   "etag":"IjAwMDAi","symmetricKey":{"enrollmentGroupId":"grp-1"},
                   "payload":{"anything":"from webhook","n":1}}}""");

        assertThat(result.isAssigned()).isTrue();
        assertThat(result.status()).isEqualTo(ProvisioningStatus.ASSIGNED);
        assertThat(result.registrationId()).isEqualTo("dev-01");
        assertThat(result.assignedHub()).isEqualTo("hub1.example.net");
        assertThat(result.deviceId()).isEqualTo("dev-01-id");
        assertThat(result.substatus()).isEqualTo(ProvisioningSubstatus.INITIAL_ASSIGNMENT);
        assertThat(result.createdDateTimeUtc()).isEqualTo(Instant.parse("2025-01-02T03:04:05.1234567Z"));
        assertThat(result.lastUpdatedDateTimeUtc()).isEqualTo(Instant.parse("2025-01-02T03:04:05.2345678Z"));
        assertThat(result.etag()).isEqualTo("IjAwMDAi");
        assertThat(result.payload()).isEqualTo("{\"anything\":\"from webhook\",\"n\":1}");
        assertThat(result.operationId()).isEqualTo("4.1a2b.c3");
        assertThat(result.errorCode()).isNull();
        assertThat(result.errorMessage()).isNull();
        assertThat(result.trackingId()).isNull();
    }

    @Test
    void failed_answer_carries_the_registration_state_error() {
        DeviceRegistrationResult result = finalResult("""
                {"operationId":"op-1","status":"failed",
                 "registrationState":{"registrationId":"dev-01","status":"failed","errorCode":400209,
                   "errorMessage":"unauthorized to the hub","lastUpdatedDateTimeUtc":"2025-01-02T03:04:05.3456789Z"}}""");

        assertThat(result.status()).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.isAssigned()).isFalse();
        assertThat(result.errorCode()).isEqualTo(400209);
        assertThat(result.errorMessage()).isEqualTo("unauthorized to the hub");
        assertThat(result.assignedHub()).isNull();
        assertThat(result.payload()).isNull();
    }

    @Test
    void disabled_answer_maps_to_disabled_with_its_reason() {
        DeviceRegistrationResult result = finalResult("""
                {"operationId":"op-2","status":"disabled",
                 "registrationState":{"registrationId":"dev-01","status":"disabled","errorCode":401000,
                   "errorMessage":"the enrollment is disabled"}}""");

        assertThat(result.status()).isEqualTo(ProvisioningStatus.DISABLED);
        assertThat(result.errorCode()).isEqualTo(401000);
        assertThat(result.errorMessage()).isEqualTo("the enrollment is disabled");
    }

    @Test
    void failed_answer_without_details_still_says_something() {
        DeviceRegistrationResult result = finalResult("{\"operationId\":\"op-3\",\"status\":\"failed\"}");

        assertThat(result.status()).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.registrationId()).isEqualTo("my-device");
        assertThat(result.errorMessage()).contains("'failed' without saying why");
    }

    @Test
    void error_body_becomes_a_failed_result_with_the_service_message() {
        DeviceRegistrationResult result = RegistrationResults.fromError(401, bytes("""
                {"errorCode":401000,"trackingId":"7f0c-tracking","message":"Unauthorized","timestampUtc":"2019-11-19T21:39:05.1573304Z"}"""),
                "my-device", null);

        assertThat(result.status()).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.errorCode()).isEqualTo(401000);
        assertThat(result.errorMessage()).isEqualTo("Unauthorized");
        assertThat(result.trackingId()).isEqualTo("7f0c-tracking");
        assertThat(result.registrationId()).isEqualTo("my-device");
    }

    @Test
    void error_without_a_readable_body_is_described_by_its_status() {
        DeviceRegistrationResult result = RegistrationResults.fromError(404, bytes("not json"), "my-device", "op-9");

        assertThat(result.errorCode()).isEqualTo(404000);
        assertThat(result.errorMessage()).contains("status 404");
        assertThat(result.operationId()).isEqualTo("op-9");
    }

    @Test
    void error_body_on_a_success_topic_is_recognised() {
        assertThat(RegistrationResults.readOperationStatus(bytes("{\"errorCode\":401000,\"message\":\"Unauthorized\"}"))).isNull();
    }

    @Test
    void assigned_without_hub_is_a_protocol_error() {
        assertThatThrownBy(() -> finalResult("{\"operationId\":\"op\",\"status\":\"assigned\",\"registrationState\":{\"registrationId\":\"d\",\"status\":\"assigned\"}}"))
                .isInstanceOf(ProvisioningClientException.class)
                .hasMessageContaining("without assignedHub and deviceId")
                .extracting(e -> ((ProvisioningClientException) e).reason())
                .isEqualTo(ProvisioningClientException.Reason.PROTOCOL_ERROR);
    }

    @Test
    void unreadable_answers_are_protocol_errors() {
        assertThatThrownBy(() -> RegistrationResults.readOperationStatus(bytes("<html>")))
                .isInstanceOf(ProvisioningClientException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> RegistrationResults.readOperationStatus(new byte[0]))
                .isInstanceOf(ProvisioningClientException.class).hasMessageContaining("(empty)");
        assertThatThrownBy(() -> RegistrationResults.readOperationStatus(bytes("{\"hello\":1}")))
                .isInstanceOf(ProvisioningClientException.class).hasMessageContaining("no operationId and status");
        assertThatThrownBy(() -> RegistrationResults.readOperationStatus(bytes("{\"operationId\":\"o\",\"status\":\"sleeping\"}")))
                .isInstanceOf(ProvisioningClientException.class).hasMessageContaining("could not be read");
    }

    private static DeviceRegistrationResult finalResult(String json) {
        RegistrationOperationStatus status = RegistrationResults.readOperationStatus(bytes(json));
        return RegistrationResults.fromOperationStatus(status, "my-device");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
