package dev.berth.hub.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A device twin: tags, desired and reported properties (without {@code $version}/{@code $metadata}),
 * the versions of each side, and the twin's etag and overall version.
 */
public record TwinRecord(
        String deviceId,
        ObjectNode tags,
        ObjectNode desired,
        long desiredVersion,
        ObjectNode reported,
        long reportedVersion,
        String etag,
        long version) {
}
