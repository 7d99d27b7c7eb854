package dev.berth.protocol.dps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireRecordsTest {
    private final ObjectMapper json = JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();

    @Test
    void assigned_answer_has_the_shape_sdks_require() throws Exception {
        var state = new DeviceRegistrationResult("dev-1", "2025-01-02T03:04:05.1234567Z", "hub1.example.net", "dev-1",
                RegistrationStatus.ASSIGNED, Substatus.INITIAL_ASSIGNMENT, null, null, "2025-01-02T03:04:05.2345678Z",
                "\"abc\"", new SymmetricKeyRegistrationResult("grp-1"), null, null);
        String text = json.writeValueAsString(new RegistrationOperationStatus("4.a.b", RegistrationStatus.ASSIGNED, state));
        assertThat(text).isEqualTo("{\"operationId\":\"4.a.b\",\"status\":\"assigned\",\"registrationState\":{"
                + "\"registrationId\":\"dev-1\",\"createdDateTimeUtc\":\"2025-01-02T03:04:05.1234567Z\",\"assignedHub\":\"hub1.example.net\","
                + "\"deviceId\":\"dev-1\",\"status\":\"assigned\",\"substatus\":\"initialAssignment\","
                + "\"lastUpdatedDateTimeUtc\":\"2025-01-02T03:04:05.2345678Z\",\"etag\":\"\\\"abc\\\"\","
                + "\"symmetricKey\":{\"enrollmentGroupId\":\"grp-1\"}}}");
        assertThat(json.readValue(text, RegistrationOperationStatus.class).registrationState()).isEqualTo(state);
    }

    @Test
    void register_body_accepts_payload_as_object_or_string() throws Exception {
        assertThat(json.readValue("{\"registrationId\":\"a\",\"payload\":{\"k\":1}}", DeviceRegistration.class).payload())
                .isEqualTo(Map.of("k", 1));
        assertThat(json.readValue("{\"registrationId\":\"a\",\"payload\":\"{\\\"k\\\":1}\"}", DeviceRegistration.class).payload())
                .isEqualTo("{\"k\":1}");
        assertThat(json.readValue("{\"registrationId\":\"a\",\"tpm\":{}}", DeviceRegistration.class).payload()).isNull();
    }

    @Test
    void timestamps_have_seven_fractional_digits() {
        assertThat(DpsTimestamps.format(Instant.parse("2022-08-31T22:02:50.516335200Z"))).isEqualTo("2022-08-31T22:02:50.5163352Z");
        assertThat(DpsTimestamps.format(Instant.parse("2022-08-31T22:02:50Z"))).isEqualTo("2022-08-31T22:02:50.0000000Z");
        assertThat(DpsTimestamps.parse("2022-08-31T22:02:50.5163352Z")).isEqualTo(Instant.parse("2022-08-31T22:02:50.5163352Z"));
    }

    @Test
    void statuses_and_error_codes_use_dps_spelling() throws Exception {
        assertThat(json.writeValueAsString(RegistrationStatus.DISABLED)).isEqualTo("\"disabled\"");
        assertThat(json.readValue("\"Assigning\"", RegistrationStatus.class)).isEqualTo(RegistrationStatus.ASSIGNING);
        assertThat(json.writeValueAsString(Substatus.DEVICE_DATA_MIGRATED)).isEqualTo("\"deviceDataMigrated\"");
        assertThat(DpsErrorCode.UNAUTHORIZED.code()).isEqualTo(401000);
        assertThat(DpsErrorCode.INVALID_CERTIFICATE.httpStatus()).isEqualTo(401);
        assertThat(DpsErrorCode.IOT_HUB_NOT_SPECIFIED.reason()).isEqualTo("iot_hub_not_specified");
    }
}
