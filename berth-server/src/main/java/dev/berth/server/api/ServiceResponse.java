package dev.berth.server.api;

import dev.berth.server.Json;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an operation answers: status, a body serialised as JSON (null for none) and extra headers. */
public record ServiceResponse(int status, Object body, Map<String, String> headers) {

    public ServiceResponse {
        headers = Map.copyOf(headers);
    }

    public static ServiceResponse ok(Object body) {
        return new ServiceResponse(200, body, Map.of());
    }

    /** 200 with the {@code ETag} header set to the record's etag (when it has one). */
    public static ServiceResponse ok(Object body, String etag) {
        return new ServiceResponse(200, body, etag == null ? Map.of() : Map.of("ETag", etag));
    }

    public static ServiceResponse noContent() {
        return new ServiceResponse(204, null, Map.of());
    }

    /**
     * A query page: the items as a JSON array plus the paging headers. {@code x-ms-continuation} is left out
     * on the last page, because the Node service SDK asks again as long as the header is present at all.
     */
    public static ServiceResponse page(Object items, String itemType, int maxItemCount, String continuation) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ms-item-type", itemType);
        headers.put("x-ms-max-item-count", Integer.toString(maxItemCount));
        if (continuation != null && !continuation.isEmpty()) {
            headers.put("x-ms-continuation", continuation);
        }
        return new ServiceResponse(200, items, headers);
    }

    /** Writes status, headers and the JSON body (if any) to the HTTP response. */
    public void writeTo(HttpServerResponse response) {
        headers.forEach(response::putHeader);
        response.setStatusCode(status);
        if (body == null) {
            response.end();
        } else {
            response.putHeader("content-type", "application/json; charset=utf-8").end(Json.write(body));
        }
    }
}
