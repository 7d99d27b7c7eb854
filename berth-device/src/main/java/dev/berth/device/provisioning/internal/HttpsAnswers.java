package dev.berth.device.provisioning.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningClientException.Reason;
import dev.berth.protocol.dps.DpsResponseTopic;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns an HTTP answer into the shape the registration flow reads on every transport: status and
 * {@code Retry-After} as a DPS response topic, the body unchanged. An error answer whose body is not a DPS
 * error body gets one built from its {@code x-ms-error-code} header, so it reads like any other refusal.
 */
final class HttpsAnswers {

    private HttpsAnswers() {
    }

    /** @throws ProvisioningClientException CONNECTION_REFUSED when the proxy wants (other) credentials */
    static DpsAnswer toAnswer(String rid, HttpResponse<byte[]> response, ProvisioningSettings settings) {
        int status = response.statusCode();
        if (status == 407) {
            throw proxyAuthenticationRequired(settings);
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        if (status != 200 && status != 202 && !isErrorBody(body)) {
            Optional<String> errorCode = response.headers().firstValue("x-ms-error-code");
            if (errorCode.isPresent()) {
                body = errorBodyFromHeader(status, errorCode.get().strip(), body);
            }
        }
        return new DpsAnswer(new DpsResponseTopic(status, rid, retryAfter(response)).format(), body);
    }

    /** Whole seconds only; an HTTP date or garbage counts as absent, and the flow falls back to its default. */
    static OptionalInt retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("retry-after");
        try {
            return value.isPresent() ? OptionalInt.of(Integer.parseInt(value.get().strip())) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static boolean isErrorBody(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? null : Json.MAPPER.readTree(body);
            return node != null && node.isObject() && node.hasNonNull("errorCode");
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] errorBodyFromHeader(int status, String headerValue, byte[] body) {
        ObjectNode error = Json.MAPPER.createObjectNode();
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (headerValue.matches("\\d{6}")) {
            error.put("errorCode", Integer.parseInt(headerValue));
        }
        error.put("message", text.isEmpty() || text.length() > 300 || text.startsWith("<")
                ? "the service answered " + status + " with x-ms-error-code " + headerValue
                : text + " (x-ms-error-code " + headerValue + ")");
        try {
            return Json.MAPPER.writeValueAsBytes(error);
        } catch (IOException e) {
            throw new IllegalStateException(e); // an ObjectNode of two plain fields always serialises
        }
    }

    private static ProvisioningClientException proxyAuthenticationRequired(ProvisioningSettings settings) {
        String proxy = settings.proxy() == null ? "a proxy on the way" : "the HTTP proxy " + settings.proxy().address();
        String advice = settings.proxy() != null && settings.proxy().hasCredentials()
                ? " and refused the credentials of user '" + settings.proxy().username() + "'; check them, and that "
                  + ProxyTunnelAuth.DISABLED_SCHEMES + " was cleared before java.net.http was first used"
                : "; give the proxy's user name and password with ProxySettings.withCredentials(..)";
        return new ProvisioningClientException(Reason.CONNECTION_REFUSED, proxy + " answered 407 Proxy Authentication"
                + " Required for " + settings.host() + ":" + settings.port() + advice);
    }
}
