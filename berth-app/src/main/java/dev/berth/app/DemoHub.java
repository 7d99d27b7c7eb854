package dev.berth.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.device.client.DeviceClient;
import dev.berth.device.client.MessageQos;
import dev.berth.device.client.MethodResult;
import dev.berth.device.security.TrustedCa;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The demo's second half: every provisioned device opens its {@link DeviceClient} against the embedded hub it
 * was assigned to and sends telemetry, reports a property, receives a desired property set through the hub's
 * REST API and answers a direct method invoked through it. Devices run in parallel; each step is timed.
 */
final class DemoHub {
    static final String METHOD = "ping";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    /** One step of one device: ok with its time, or the reason it failed. */
    record Step(String name, boolean ok, long millis, String problem) {
        String cell() {
            return ok ? "ok " + millis + "ms" : "FAIL";
        }
    }

    /** The four steps of one device, or the reason it could not connect (then every step failed with it). */
    record Session(DemoDevices.Outcome device, Step telemetry, Step reported, Step desired, Step method) {
        boolean ok() {
            return telemetry.ok() && reported.ok() && desired.ok() && method.ok();
        }

        List<Step> failures() {
            return List.of(telemetry, reported, desired, method).stream().filter(s -> !s.ok()).toList();
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private final int mqttPort;
    private final TrustedCa trustedCa;
    private final ServiceApiClient hubApi;

    DemoHub(int mqttPort, TrustedCa trustedCa, ServiceApiClient hubApi) {
        this.mqttPort = mqttPort;
        this.trustedCa = trustedCa;
        this.hubApi = hubApi;
    }

    /** Runs the steps for every assigned device; the list follows {@code assigned}'s order. */
    List<Session> runAll(List<DemoDevices.Outcome> assigned) {
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, Math.min(assigned.size(), 16)));
        try {
            List<CompletableFuture<Session>> running = new ArrayList<>();
            assigned.forEach(device -> running.add(CompletableFuture.supplyAsync(() -> run(device), workers)));
            return running.stream().map(CompletableFuture::join).toList();
        } finally {
            workers.shutdownNow();
        }
    }

    private Session run(DemoDevices.Outcome device) {
        String deviceId = device.deviceId();
        String token = UUID.randomUUID().toString(); // a new value each run, so the hub always has a change to push
        CompletableFuture<Object> desiredSeen = new CompletableFuture<>();
        try (DeviceClient client = DeviceClient.builder().hubHostName(device.assignedHub())
                .port(mqttPort).deviceId(deviceId).credential(device.device().credential()).qos(MessageQos.AT_LEAST_ONCE)
                .trustedCa(trustedCa).operationTimeout(STEP_TIMEOUT).reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .build()) {
            client.onDesiredPropertiesUpdate(update -> {
                if (token.equals(update.patch().get("demoToken"))) {
                    desiredSeen.complete(update.patch().get("demoToken"));
                }
            });
            client.onMethod(METHOD, payload -> MethodResult.ok("{\"pong\":true,\"deviceId\":" + AppJson.compact(deviceId) + "}"));
            if (!client.open()) {
                Step failed = new Step("connect", false, 0, "could not connect to hub " + device.assignedHub() + ": " + client.lastError());
                return new Session(device, failed, failed, failed, failed);
            }
            Step telemetry = timed("telemetry", () -> client.sendMessage(AppJson.compact(Map.of("deviceId", deviceId, "demo", true)),
                    "application/json", Map.of("source", "berth-demo")));
            Step reported = timed("reported", () -> client.updateReportedProperties(Map.of("demoStatus", "ready"), STEP_TIMEOUT));
            Step desired = timed("desired", () -> {
                hubApi.patch("/twins/" + ServiceApiClient.segment(deviceId), Map.of("properties", Map.of("desired", Map.of("demoToken", token))));
                desiredSeen.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            });
            Step method = timed("method", () -> invokeMethod(deviceId));
            return new Session(device, telemetry, reported, desired, method);
        }
    }

    private void invokeMethod(String deviceId) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("methodName", METHOD);
        call.put("payload", Map.of("from", "berth demo"));
        call.put("responseTimeoutInSeconds", (int) STEP_TIMEOUT.toSeconds());
        call.put("connectTimeoutInSeconds", 5);
        JsonNode answer = hubApi.post("/twins/" + ServiceApiClient.segment(deviceId) + "/methods", call);
        if (answer.path("status").asInt() != 200 || !answer.path("payload").path("pong").asBoolean()) {
            throw new IllegalStateException("the device answered " + answer);
        }
    }

    private static Step timed(String name, Action action) {
        long started = System.nanoTime();
        try {
            action.run();
            return new Step(name, true, Duration.ofNanos(System.nanoTime() - started).toMillis(), null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String why = e instanceof java.util.concurrent.TimeoutException ? "nothing arrived within " + STEP_TIMEOUT.toSeconds() + " s"
                    : e.getMessage() == null ? e.toString() : e.getMessage();
            return new Step(name, false, Duration.ofNanos(System.nanoTime() - started).toMillis(), why);
        }
    }
}
