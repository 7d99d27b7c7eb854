package dev.berth.app.ca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.app.AppJson;
import dev.berth.app.CliException;
import dev.berth.app.ServiceApiClient;
import dev.berth.app.ServiceApiException;
import dev.berth.protocol.service.CertificateListDescription;
import dev.berth.protocol.service.CertificateResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The service API's registry of CA certificates ({@code /certificates}), as typed calls. */
public final class CaRegistry {
    private final ServiceApiClient api;

    public CaRegistry(ServiceApiClient api) {
        this.api = api;
    }

    /** @param verified true marks it verified without proof of possession; null keeps the state of the same certificate */
    public CertificateResponse upload(String name, String certificatePem, Boolean verified) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("certificate", certificatePem);
        if (verified != null) {
            body.put("isVerified", verified);
        }
        return read(api.put(path(name), body));
    }

    public CertificateResponse get(String name) {
        return read(api.get(path(name)));
    }

    public Optional<CertificateResponse> find(String name) {
        try {
            return Optional.of(get(name));
        } catch (ServiceApiException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Like {@link #get}, but a missing CA is refused with the command that registers one. */
    public CertificateResponse require(String name) {
        return find(name).orElseThrow(() -> new CliException("there is no CA certificate named '" + name
                + "' on the server; upload it first: berth ca upload " + name + " --certificate <CA PEM>"));
    }

    public List<CertificateResponse> list() {
        JsonNode answer = api.get("/certificates");
        CertificateListDescription all = convert(answer, CertificateListDescription.class);
        return all.value() == null ? List.of() : all.value();
    }

    public void delete(String name) {
        api.delete(path(name));
    }

    /** A fresh verification code in {@code properties.verificationCode}; it replaces any earlier one. */
    public CertificateResponse generateVerificationCode(String name) {
        return read(api.post(path(name) + "/generateVerificationCode", null));
    }

    public CertificateResponse verify(String name, String proofPem) {
        return read(api.post(path(name) + "/verify", Map.of("certificate", proofPem)));
    }

    private static String path(String name) {
        return "/certificates/" + ServiceApiClient.segment(name);
    }

    private static CertificateResponse read(JsonNode answer) {
        CertificateResponse response = convert(answer, CertificateResponse.class);
        if (response.properties() == null) {
            throw new CliException("the service API answered a CA certificate without properties: " + answer);
        }
        return response;
    }

    private static <T> T convert(JsonNode answer, Class<T> type) {
        if (answer == null) {
            throw new CliException("the service API answered without a body where a CA certificate was expected");
        }
        try {
            return AppJson.MAPPER.treeToValue(answer, type);
        } catch (JsonProcessingException e) {
            throw new CliException("the service API answered something that is not a CA certificate: " + e.getOriginalMessage(), e);
        }
    }
}
