package dev.berth.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.ProvisioningException;

/**
 * The body of {@code PUT /certificates/{name}} and {@code POST …/verify}: {@code {"certificate":…,"isVerified":…}},
 * or the same inside {@code "properties"} as the DPS management API (ARM) sends it.
 *
 * @param isVerified null when the body leaves it out
 */
record CertificateUpload(String certificate, Boolean isVerified) {

    static CertificateUpload read(JsonNode body, String expected) {
        ObjectNode json = RequestJson.requireObject(body, expected);
        JsonNode fields = json.get("properties") instanceof ObjectNode properties ? properties : json;
        JsonNode certificate = fields.get("certificate");
        if (certificate == null || certificate.isNull() || !certificate.isTextual() || certificate.asText().isBlank()) {
            throw new ProvisioningException(DpsErrorCode.BAD_REQUEST, "the field 'certificate' must be the certificate as a"
                    + " PEM or base64 DER string" + (certificate == null || certificate.isNull() ? "" : ", not "
                    + RequestJson.kind(certificate)) + "; expected " + expected);
        }
        JsonNode verified = fields.get("isVerified");
        if (verified != null && !verified.isNull() && !verified.isBoolean()) {
            throw new ProvisioningException(DpsErrorCode.BAD_REQUEST,
                    "the field 'isVerified' must be true or false, not " + RequestJson.kind(verified));
        }
        return new CertificateUpload(certificate.asText(), verified == null || verified.isNull() ? null : verified.asBoolean());
    }
}
