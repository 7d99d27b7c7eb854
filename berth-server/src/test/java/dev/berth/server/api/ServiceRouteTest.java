package dev.berth.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.ProvisioningException;
import dev.berth.server.api.ServiceRoute.Operation;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceRouteTest {

    @ParameterizedTest
    @CsvSource({
            "PUT, /enrollments/dev1, ENROLLMENT_PUT, dev1",
            "GET, /Enrollments/dev1/, ENROLLMENT_GET, dev1",
            "DELETE, /enrollments/dev1, ENROLLMENT_DELETE, dev1",
            "POST, /enrollments/dev1/attestationmechanism, ENROLLMENT_ATTESTATION, dev1",
            "POST, /enrollments/query, ENROLLMENT_QUERY, query",
            "GET, /enrollments/query, ENROLLMENT_GET, query",
            "POST, /enrollments, ENROLLMENT_BULK, ",
            "PUT, /enrollmentGroups/g1, GROUP_PUT, g1",
            "POST, /enrollmentgroups/g1/attestationmechanism, GROUP_ATTESTATION, g1",
            "POST, /ENROLLMENTGROUPS/query, GROUP_QUERY, query",
            "POST, /enrollmentGroups, GROUP_BULK, ",
            "GET, /registrations/dev1, REGISTRATION_GET, dev1",
            "DELETE, /registrations/dev1, REGISTRATION_DELETE, dev1",
            "POST, /registrations/g1/query, REGISTRATION_QUERY, g1",
            "GET, /enrollments/room%3A7, ENROLLMENT_GET, room:7",
            "GET, /certificates, CERTIFICATE_LIST, ",
            "PUT, /Certificates/root-1, CERTIFICATE_PUT, root-1",
            "GET, /certificates/root-1/, CERTIFICATE_GET, root-1",
            "DELETE, /certificates/root-1, CERTIFICATE_DELETE, root-1",
            "POST, /certificates/root-1/generateverificationcode, CERTIFICATE_VERIFICATION_CODE, root-1",
            "POST, /CERTIFICATES/root-1/Verify, CERTIFICATE_VERIFY, root-1",
    })
    void resolves_operation_and_decoded_id(String method, String path, Operation operation, String id) {
        ServiceRoute route = ServiceRoute.parse(HttpMethod.valueOf(method), path);

        assertThat(route.operation()).isEqualTo(operation);
        assertThat(route.id()).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource({"/enrollments/a/b", "/enrollments//x", "/registrations", "/registrations/a/b/c", "/enrollmentGroups/g/query",
            "/certificates/root/other", "/certificates/root/verify/x"})
    void unknown_paths_are_404(String path) {
        assertThatThrownBy(() -> ServiceRoute.parse(HttpMethod.GET, path))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(DpsErrorCode.NOT_FOUND));
    }

    @Test
    void known_path_with_another_method_is_405_listing_the_allowed_ones() {
        assertThatThrownBy(() -> ServiceRoute.parse(HttpMethod.GET, "/enrollments"))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(DpsErrorCode.METHOD_NOT_ALLOWED);
                    assertThat(e.clientMessage()).contains("allowed: POST");
                });
        assertThat(ServiceRoute.allowedMethods("/enrollments/query")).isEqualTo("DELETE, GET, POST, PUT");
    }

    @Test
    void the_mount_pattern_claims_only_the_service_prefixes() {
        assertThat("/EnrollmentGroups/x").matches(ServiceRoute.PATH_REGEX);
        assertThat("/registrations").matches(ServiceRoute.PATH_REGEX);
        assertThat("/Certificates/root/verify").matches(ServiceRoute.PATH_REGEX);
        assertThat("/certificatesX").doesNotMatch(ServiceRoute.PATH_REGEX);
        assertThat("/enrollmentsX").doesNotMatch(ServiceRoute.PATH_REGEX);
        assertThat("/0ne0001/registrations/dev/register").doesNotMatch(ServiceRoute.PATH_REGEX);
        assertThat("/devices/x").doesNotMatch(ServiceRoute.PATH_REGEX);
    }
}
