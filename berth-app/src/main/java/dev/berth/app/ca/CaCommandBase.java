package dev.berth.app.ca;

import dev.berth.app.AppJson;
import dev.berth.app.ServiceOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every {@code berth ca} command has: the connection to the service API and the terminal. */
abstract class CaCommandBase implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions service;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    CaRegistry registry() {
        return new CaRegistry(service.connect());
    }

    void printJson(Object value) {
        out().println(AppJson.pretty(value));
        out().flush();
    }

    /** The command that proves possession, with the connection options this command was given. */
    String proveCommand(String name, Path caCertificate) {
        return "berth ca prove " + name + " --ca-cert " + (caCertificate == null ? "<CA certificate PEM>" : caCertificate.toString())
                + " --ca-key <CA key PEM>" + service.sameServerArguments();
    }
}
