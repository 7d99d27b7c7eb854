package dev.berth.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** show, list and delete, written once for both kinds; {@code enrollment} and {@code group} name them. */
final class EnrollmentCommands {

    private EnrollmentCommands() {
    }

    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServiceOptions service;

        abstract EnrollmentKind kind();

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    abstract static class Show extends Base {
        @Parameters(index = "0", paramLabel = "ID", description = "Registration ID (enrollment) or group ID.")
        String id;

        @Option(names = "--json", description = "Print JSON (the default for show; accepted for symmetry with list and create).")
        boolean json;

        @Override
        public Integer call() {
            out().println(AppJson.pretty(service.connect().get(kind().path(id))));
            out().flush();
            return 0;
        }
    }

    abstract static class ListAll extends Base {
        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        boolean json;

        @Override
        public Integer call() {
            ArrayNode items = service.connect().queryAll(kind().collection);
            if (json) {
                out().println(AppJson.pretty(items));
            } else if (items.isEmpty()) {
                out().println("No " + kind().noun + "s.");
            } else {
                kind().table(items).print(out());
                out().println(items.size() + " " + kind().noun + (items.size() == 1 ? "" : "s") + ".");
            }
            out().flush();
            return 0;
        }
    }

    abstract static class Delete extends Base {
        @Parameters(index = "0", paramLabel = "ID", description = "Registration ID (enrollment) or group ID.")
        String id;

        @Override
        public Integer call() {
            service.connect().delete(kind().path(id));
            out().println("Deleted " + kind().noun + " '" + id + "'.");
            out().flush();
            return 0;
        }
    }

    /** Prints what a user needs after create: the keys or certificates, and how devices use them. */
    static void printCreated(PrintWriter out, EnrollmentKind kind, JsonNode stored, boolean replaced) {
        String id = EnrollmentKind.text(stored, kind.idField);
        boolean x509 = AttestationSummary.isX509(stored);
        out.println((replaced ? "Replaced " : "Created ") + kind.noun + " '" + id + "'" + (x509 ? " (X.509)." : "."));
        if (x509) {
            AttestationSummary.certificateLines(stored).forEach(line -> out.printf("  %-16s%s%n", line[0] + ":", line[1]));
        } else {
            JsonNode keys = stored.path("attestation").path("symmetricKey");
            out.println("  primary key:    " + EnrollmentKind.text(keys, "primaryKey"));
            out.println("  secondary key:  " + EnrollmentKind.text(keys, "secondaryKey"));
        }
        if (kind == EnrollmentKind.INDIVIDUAL) {
            String deviceId = EnrollmentKind.text(stored, "deviceId");
            out.println("  device ID:      " + (deviceId == null ? id + " (the registration ID)" : deviceId));
        }
        out.println("  status:         " + EnrollmentKind.text(stored, "provisioningStatus"));
        out.println("  allocation:     " + EnrollmentKind.text(stored, "allocationPolicy") + " over " + EnrollmentKind.hubs(stored));
        if (kind == EnrollmentKind.GROUP && x509) {
            out.println("Each device of the group presents its certificate (CN = its registration ID) with the chain up to this CA.");
        } else if (kind == EnrollmentKind.GROUP) {
            out.println("Each device of the group uses a key derived from the group key and its registration ID:");
            out.println("  berth group derive-key " + id + " <registration-id>");
        } else if (x509) {
            out.println("The device registers with this certificate and its private key; its CN is the registration ID.");
        }
        out.flush();
    }
}
