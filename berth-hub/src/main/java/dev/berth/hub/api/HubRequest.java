package dev.berth.hub.api;

import com.fasterxml.jackson.databind.JsonNode;

/** One hub REST call as the resources see it: route, parsed JSON body (null when none) and the headers that matter. */
record HubRequest(HubRoute route, JsonNode body, String ifMatch, String top, String continuation) {

    String deviceId() {
        return route.deviceId();
    }
}
