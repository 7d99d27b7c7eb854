package dev.berth.app.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.app.AppJson;
import dev.berth.app.CliException;
import dev.berth.app.HubOptions;
import dev.berth.app.ServiceApiClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every {@code berth hub} and {@code berth telemetry} command has: the hub's REST API and the terminal. */
abstract class HubCommandBase implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HubOptions hub;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    ServiceApiClient api() {
        return hub.connect();
    }

    void printJson(Object value) {
        out().println(AppJson.pretty(value));
        out().flush();
    }

    /** {@code /devices/{id}} or {@code /twins/{id}} with the ID percent-encoded, as device IDs may hold {@code # ? %}. */
    static String path(String collection, String deviceId, String rest) {
        return "/" + collection + "/" + ServiceApiClient.segment(deviceId) + rest;
    }

    /** JSON the user typed on the command line; the option name goes into the message when it is not JSON. */
    static JsonNode json(String text, String what) {
        try {
            return AppJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new CliException(what + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
