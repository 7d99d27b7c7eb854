package dev.berth.server.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One service API call as the operations see it: the resolved route, the parsed JSON body (null when the
 * request had none) and the headers that change behaviour.
 */
public record ServiceRequest(ServiceRoute route, JsonNode body, String ifMatch, String maxItemCount, String continuation) {

    public String id() {
        return route.id();
    }
}
