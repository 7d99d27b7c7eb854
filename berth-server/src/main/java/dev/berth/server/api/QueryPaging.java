package dev.berth.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.ProvisioningException;
import dev.berth.server.store.Page;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The query calls' inputs: the {@code x-ms-max-item-count} page size and the query text. Berth answers
 * {@code SELECT * FROM enrollments|enrollmentGroups}, which is what the SDKs' "list everything" helpers send.
 */
final class QueryPaging {
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private QueryPaging() {
    }

    /** Absent or 0 means the default; above the maximum is capped (the answer's header says what was used). */
    static int pageSize(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_PAGE_SIZE;
        }
        int size;
        try {
            size = Integer.parseInt(header.strip());
        } catch (NumberFormatException e) {
            throw invalid("x-ms-max-item-count must be a whole number of items, got '" + shorten(header) + "'");
        }
        if (size < 0) {
            throw invalid("x-ms-max-item-count must not be negative, got " + size);
        }
        return size == 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
    }

    /** @param collection {@code enrollments} or {@code enrollmentGroups} */
    static void requireSelectAll(JsonNode body, String collection) {
        String example = "{\"query\":\"SELECT * FROM " + collection + "\"}";
        if (body == null || !body.isObject() || !body.path("query").isTextual()) {
            throw invalid("the query call needs a body " + example);
        }
        String query = body.get("query").asText();
        // "*" alone is what Azure's Python service SDK and its samples send for "everything"
        Pattern selectAll = Pattern.compile("\\s*(\\*|select\\s+\\*(\\s+from\\s+" + collection + ")?)\\s*;?\\s*",
                Pattern.CASE_INSENSITIVE);
        if (!selectAll.matcher(query).matches()) {
            throw invalid("the query '" + shorten(query) + "' is not supported; this Berth version answers only"
                    + " SELECT * FROM " + collection + " (or just *; no field lists or WHERE clauses yet), e.g. " + example);
        }
    }

    /** Runs a store listing; a continuation token the store did not issue is the client's mistake (400). */
    static <T> Page<T> list(Supplier<Page<T>> listing) {
        try {
            return listing.get();
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(DpsErrorCode.INVALID_QUERY, e.getMessage(), "bad paging: " + e.getMessage(), e);
        }
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static ProvisioningException invalid(String message) {
        return new ProvisioningException(DpsErrorCode.INVALID_QUERY, message);
    }
}
