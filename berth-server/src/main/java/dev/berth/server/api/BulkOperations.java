package dev.berth.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.ProvisioningException;
import dev.berth.server.store.ConflictException;
import dev.berth.server.store.AlreadyExistsException;
import dev.berth.server.store.Etags;
import dev.berth.server.store.PreconditionFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /enrollments} and {@code POST /enrollmentGroups}: up to 10 items in one mode. Each item succeeds
 * or fails on its own; failures are listed in the answer, not turned into an HTTP error. "create" checks for
 * an existing item first, so two racing creates of the same ID may both succeed (the later one wins).
 */
final class BulkOperations {
    static final int MAX_ITEMS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(BulkOperations.class);

    /** What bulk needs from one kind of enrollment (individual or group). */
    interface Kind {
        String listField();

        String idField();

        void put(String id, JsonNode item, String ifMatch);

        boolean delete(String id, String ifMatch);
    }

    private enum Mode { CREATE, UPDATE, UPDATE_IF_MATCH_ETAG, DELETE }

    ServiceResponse run(ServiceRequest request, Kind kind) {
        String expected = "{\"" + kind.listField() + "\":[…],\"mode\":\"create|update|updateIfMatchETag|delete\"}";
        ObjectNode body = RequestJson.requireObject(request.body(), expected);
        Mode mode = mode(body.path("mode"));
        JsonNode items = body.get(kind.listField());
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw invalid("the bulk call needs a non-empty array '" + kind.listField() + "': " + expected);
        }
        if (items.size() > MAX_ITEMS) {
            throw invalid("a bulk call takes at most " + MAX_ITEMS + " items, got " + items.size() + "; split it up");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode id = items.get(i).path(kind.idField());
            if (!items.get(i).isObject() || !id.isTextual() || id.asText().isEmpty()) {
                throw invalid("item " + i + " of '" + kind.listField() + "' has no " + kind.idField());
            }
            ids.add(id.asText());
        }
        List<BulkResult.ItemError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                apply(mode, kind, ids.get(i), items.get(i));
            } catch (ProvisioningException e) {
                errors.add(error(kind, ids.get(i), e.code().code(), e.clientMessage()));
            } catch (PreconditionFailedException e) {
                errors.add(error(kind, ids.get(i), DpsErrorCode.PRECONDITION_FAILED.code(),
                        e.getMessage()));
            } catch (ConflictException e) {
                errors.add(error(kind, ids.get(i), DpsErrorCode.CONFLICT.code(), e.getMessage()));
            } catch (RuntimeException e) {
                String trackingId = UUID.randomUUID().toString();
                LOG.error("bulk {} of {} failed, trackingId={}", mode, ids.get(i), trackingId, e);
                errors.add(error(kind, ids.get(i), DpsErrorCode.INTERNAL_ERROR.code(),
                        "the server failed on this item; tracking ID " + trackingId));
            }
        }
        return ServiceResponse.ok(new BulkResult(errors.isEmpty(), errors));
    }

    private static void apply(Mode mode, Kind kind, String id, JsonNode item) {
        String etag = item.path("etag").isTextual() ? item.get("etag").asText() : null;
        switch (mode) {
            case CREATE -> {
                try {
                    kind.put(id, item, Etags.CREATE_ONLY); // checked in the insert's transaction: no check-then-write race
                } catch (AlreadyExistsException e) {
                    throw new ProvisioningException(DpsErrorCode.CONFLICT, "'" + id + "' already exists; use mode update to replace it");
                }
            }
            case UPDATE -> kind.put(id, item, null);
            case UPDATE_IF_MATCH_ETAG -> {
                if (etag == null) {
                    throw invalid("mode updateIfMatchETag needs the item's etag");
                }
                kind.put(id, item, etag);
            }
            case DELETE -> {
                if (!kind.delete(id, etag)) {
                    throw new ProvisioningException(DpsErrorCode.ENROLLMENT_NOT_FOUND, "'" + id + "' does not exist");
                }
            }
        }
    }

    private static Mode mode(JsonNode mode) {
        String text = mode.isTextual() ? mode.asText().toLowerCase(Locale.ROOT) : "";
        return switch (text) {
            case "create" -> Mode.CREATE;
            case "update" -> Mode.UPDATE;
            case "updateifmatchetag" -> Mode.UPDATE_IF_MATCH_ETAG;
            case "delete" -> Mode.DELETE;
            default -> throw invalid("the bulk mode '" + (mode.isMissingNode() ? "" : mode.asText())
                    + "' is unknown; use create, update, updateIfMatchETag or delete");
        };
    }

    private static BulkResult.ItemError error(Kind kind, String id, int code, String message) {
        boolean individual = kind.idField().equals("registrationId");
        return new BulkResult.ItemError(individual ? id : null, individual ? null : id, code, message);
    }

    private static ProvisioningException invalid(String message) {
        return new ProvisioningException(DpsErrorCode.BAD_REQUEST, message);
    }
}
