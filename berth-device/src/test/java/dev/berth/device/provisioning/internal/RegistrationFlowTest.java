package dev.berth.device.provisioning.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningClientException.Reason;
import dev.berth.device.provisioning.ProvisioningStatus;
import dev.berth.device.provisioning.ProvisioningTransport;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistrationFlowTest {

    private static final String ASSIGNING = "{\"operationId\":\"op-1\",\"status\":\"assigning\"}";
    private static final String ASSIGNED = """
            {"operationId":"op-1","status":"assigned","registrationState":{"registrationId":"dev-1",
             "assignedHub":"hub.example.net","deviceId":"dev-1","status":"assigned"}}""";
    private static final ProvisioningSettings SETTINGS = new ProvisioningSettings("dps.example.net", 8883, "0ne00000001",
            "dev-1", SymmetricKeyCredential.of("Jsm0lyGpjaVYVP2g3FnmnmG9dI/9qU24wNoykUmermc="), TrustedCa.systemDefault(),
            ProvisioningTransport.MQTT, null, Duration.ofSeconds(10), Duration.ofHours(1));

    private ScriptedExchange.FakeTicker ticker;
    private ScriptedExchange exchange;

    @BeforeEach
    void setUp() {
        ticker = new ScriptedExchange.FakeTicker();
        exchange = new ScriptedExchange(ticker);
    }

    @Test
    void device_is_assigned_after_polling_with_the_operation_id_and_retry_after() {
        exchange.reply("$dps/registrations/res/202/?$rid={rid}&retry-after=3", ASSIGNING)
                .reply("$dps/registrations/res/200/?$rid={rid}", ASSIGNED);

        DeviceRegistrationResult result = run(Duration.ofSeconds(60));

        assertThat(result.isAssigned()).isTrue();
        assertThat(result.assignedHub()).isEqualTo("hub.example.net");
        assertThat(exchange.publishedTopics).containsExactly(
                "$dps/registrations/PUT/iotdps-register/?$rid=1",
                "$dps/registrations/GET/iotdps-get-operationstatus/?$rid=2&operationId=op-1");
        assertThat(exchange.publishedBodies.get(0)).isEqualTo("{\"registrationId\":\"dev-1\"}");
        assertThat(exchange.publishedBodies.get(1)).isEmpty();
        assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(3));
        assertThat(exchange.opened).isTrue();
        assertThat(exchange.closed).isTrue();
    }

    @Test
    void retry_after_defaults_to_two_seconds_and_is_clamped() {
        exchange.reply("$dps/registrations/res/202/?$rid={rid}", ASSIGNING)
                .reply("$dps/registrations/res/202/?$rid={rid}&retry-after=0", ASSIGNING)
                .reply("$dps/registrations/res/202/?$rid={rid}&retry-after=600", ASSIGNING)
                .reply("$dps/registrations/res/200/?$rid={rid}", ASSIGNED);

        assertThat(run(Duration.ofMinutes(5)).isAssigned()).isTrue();
        assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    @Test
    void answers_for_other_request_ids_are_ignored() {
        exchange.reply(rid -> List.of(
                ScriptedExchange.answer("$dps/registrations/res/200/?$rid=999", "{\"operationId\":\"x\",\"status\":\"failed\"}"),
                ScriptedExchange.answer("$dps/registrations/res/bogus", "{}"),
                ScriptedExchange.answer("$dps/registrations/res/200/?$rid=" + rid, ASSIGNED)));

        assertThat(run(Duration.ofSeconds(30)).isAssigned()).isTrue();
    }

    @Test
    void throttled_request_is_sent_again_after_retry_after() {
        exchange.reply("$dps/registrations/res/429/?$rid={rid}&retry-after=5", "{\"errorCode\":429001,\"message\":\"slow down\"}")
                .reply("$dps/registrations/res/202/?$rid={rid}&retry-after=1", ASSIGNING)
                .reply("$dps/registrations/res/503/?$rid={rid}", "{\"errorCode\":503000}")
                .reply("$dps/registrations/res/200/?$rid={rid}", ASSIGNED);

        assertThat(run(Duration.ofMinutes(1)).isAssigned()).isTrue();
        assertThat(exchange.publishedTopics).containsExactly(
                "$dps/registrations/PUT/iotdps-register/?$rid=1",
                "$dps/registrations/PUT/iotdps-register/?$rid=2",
                "$dps/registrations/GET/iotdps-get-operationstatus/?$rid=3&operationId=op-1",
                "$dps/registrations/GET/iotdps-get-operationstatus/?$rid=4&operationId=op-1");
        assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void wrong_key_answer_is_a_failed_result_not_an_exception() {
        exchange.reply("$dps/registrations/res/401/?$rid={rid}",
                "{\"errorCode\":401000,\"trackingId\":\"t-1\",\"message\":\"Unauthorized\"}");

        DeviceRegistrationResult result = run(Duration.ofSeconds(30));

        assertThat(result.status()).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.errorCode()).isEqualTo(401000);
        assertThat(result.errorMessage()).isEqualTo("Unauthorized");
        assertThat(result.trackingId()).isEqualTo("t-1");
        assertThat(exchange.closed).isTrue();
    }

    @Test
    void connect_refused_for_credentials_is_a_failed_result() {
        exchange.refusal = Optional.of(new ProvisioningExchange.ConnectRefusal("MQTT CONNACK NOT_AUTHORIZED"));

        DeviceRegistrationResult result = run(Duration.ofSeconds(30));

        assertThat(result.status()).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.errorCode()).isEqualTo(401000);
        assertThat(result.errorMessage()).contains("NOT_AUTHORIZED").contains("0ne00000001").contains("dev-1");
        assertThat(exchange.publishedTopics).isEmpty();
        assertThat(exchange.closed).isTrue();
    }

    @Test
    void silent_service_times_out_with_the_step_named() {
        exchange.reply("$dps/registrations/res/202/?$rid={rid}&retry-after=2", ASSIGNING);

        assertThatThrownBy(() -> run(Duration.ofSeconds(30)))
                .isInstanceOf(ProvisioningClientException.class)
                .hasMessage("no answer within the operation timeout of 10s while waiting for the operation status")
                .extracting(e -> ((ProvisioningClientException) e).reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(exchange.closed).isTrue();
    }

    @Test
    void overall_timeout_ends_an_endless_assigning() {
        for (int i = 0; i < 50; i++) {
            exchange.reply("$dps/registrations/res/202/?$rid={rid}&retry-after=3", ASSIGNING);
        }

        assertThatThrownBy(() -> run(Duration.ofSeconds(10)))
                .isInstanceOf(ProvisioningClientException.class)
                .hasMessageStartingWith("timed out after 10s waiting for the operation status")
                .hasMessageContaining("still says 'assigning'");
        assertThat(ticker.now).isEqualTo(Duration.ofSeconds(10).toNanos());
        assertThat(exchange.closed).isTrue();
    }

    @Test
    void garbage_answer_is_a_protocol_error_and_the_connection_is_closed() {
        exchange.reply("$dps/registrations/res/200/?$rid={rid}", "not json at all");

        assertThatThrownBy(() -> run(Duration.ofSeconds(30)))
                .isInstanceOf(ProvisioningClientException.class)
                .extracting(e -> ((ProvisioningClientException) e).reason()).isEqualTo(Reason.PROTOCOL_ERROR);
        assertThat(exchange.closed).isTrue();
    }

    @Test
    void disabled_enrollment_is_a_disabled_result() {
        exchange.reply("$dps/registrations/res/200/?$rid={rid}", """
                {"operationId":"op-1","status":"disabled","registrationState":{"registrationId":"dev-1",
                 "status":"disabled","errorCode":401000,"errorMessage":"enrollment disabled"}}""");

        DeviceRegistrationResult result = run(Duration.ofSeconds(30));

        assertThat(result.status()).isEqualTo(ProvisioningStatus.DISABLED);
        assertThat(result.errorMessage()).isEqualTo("enrollment disabled");
    }

    private DeviceRegistrationResult run(Duration timeout) {
        return new RegistrationFlow(SETTINGS, exchange, ticker).run(null, timeout);
    }
}
