package dev.berth.server.api;

import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * The content-type rule of the JSON APIs on the shared HTTPS router (service API, hub API): a request body
 * must be JSON ({@code application/json} or any {@code +json} type). A body without a content type is read
 * as JSON, because the SDKs always send JSON. Each API refuses with its own error type and wording.
 */
public final class JsonContentType {
    private JsonContentType() {
    }

    /** The request's Content-Type when it carries a body that is not JSON; empty when the body may be read. */
    public static Optional<String> nonJsonBodyType(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        boolean hasBody = (length != null && !length.strip().equals("0")) || request.getHeader("Transfer-Encoding") != null;
        String type = request.getHeader("Content-Type");
        if (!hasBody || type == null) {
            return Optional.empty();
        }
        String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json") ? Optional.empty() : Optional.of(type);
    }
}
