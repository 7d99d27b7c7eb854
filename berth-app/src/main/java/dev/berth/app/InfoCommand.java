package dev.berth.app;

import dev.berth.server.BerthServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code berth info}: what devices and service clients need to reach the server of a data directory. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Print the ID scope, service connection string, CA certificate path, ports, hubs and the embedded hub's connection strings of a data directory.",
                "Creates the data directory (ID scope, keys, PKI) if it does not exist yet; works while berth serve runs."})
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    StoreOptions store;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        Path directory = dataDir.resolve();
        Endpoints endpoints = Endpoints.readOrDefaults(directory);
        Map<String, Object> info;
        try (LocalServer local = LocalServer.open(directory, endpoints, store)) {
            info = describe(local.server(), endpoints, directory);
            info.put("hubConnectionStrings", local.hubConnectionStrings(endpoints));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(AppJson.pretty(info));
        } else {
            info.forEach((name, value) -> out.printf("%-24s %s%n", name, text(value)));
        }
        out.flush();
        return 0;
    }

    private static Object text(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty() ? "(no embedded hub)" : map.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(System.lineSeparator() + " ".repeat(25)));
        }
        return value;
    }

    static Map<String, Object> describe(BerthServer server, Endpoints endpoints, Path directory) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("idScope", server.idScope());
        info.put("serviceConnectionString", server.serviceConnectionString());
        info.put("serviceUrl", "https://" + endpoints.localHost() + ":" + server.httpsPort());
        info.put("caCertificate", server.caCertificate().toAbsolutePath().toString());
        info.put("mqttPort", server.mqttPort());
        info.put("httpsPort", server.httpsPort());
        info.put("hostNames", server.hostNames());
        info.put("hubs", server.linkedHubs());
        info.put("dataDirectory", directory.toString());
        info.put("store", server.storeDialect());
        return info;
    }
}
