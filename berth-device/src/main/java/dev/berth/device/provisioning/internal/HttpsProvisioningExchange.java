package dev.berth.device.provisioning.internal;

import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.protocol.dps.DpsRequestTopic;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * DPS over its REST API with {@code java.net.http}. The registration flow names each request by its MQTT
 * topic; this exchange maps register to {@code PUT …/register} and operation status to
 * {@code GET …/operations/{id}}, and hands each HTTP answer back as a DPS answer ({@link HttpsAnswers}),
 * so retries, polling and error results work exactly as over MQTT.
 */
public final class HttpsProvisioningExchange implements ProvisioningExchange {

    private final ProvisioningSettings settings;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private HttpClient client;

    public HttpsProvisioningExchange(ProvisioningSettings settings) {
        this.settings = settings;
    }

    /** HTTP has no session to open: the connection is made by the first request, and its failures surface there. */
    @Override
    public Optional<ConnectRefusal> open(Duration maxWait) {
        client = HttpsClients.create(settings);
        return Optional.empty();
    }

    @Override
    public void publish(String topic, byte[] body) {
        DpsRequestTopic request = DpsRequestTopic.parse(topic);
        String rid;
        HttpRequest http;
        if (request instanceof DpsRequestTopic.Register register) {
            rid = register.rid();
            http = HttpsRequests.register(settings, body);
        } else if (request instanceof DpsRequestTopic.OperationStatus poll) {
            rid = poll.rid();
            http = HttpsRequests.operationStatus(settings, poll.operationId());
        } else {
            throw new IllegalArgumentException("not a provisioning request topic: " + topic);
        }
        CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(http, HttpResponse.BodyHandlers.ofByteArray());
        inFlight.add(sent);
        sent.whenComplete((response, error) -> {
            inFlight.remove(sent);
            if (error != null) {
                events.add(TransportFailures.requestFailed(settings, http.method() + " " + http.uri().getPath(), error));
                return;
            }
            try {
                events.add(HttpsAnswers.toAnswer(rid, response, settings));
            } catch (ProvisioningClientException e) {
                events.add(e);
            }
        });
    }

    @Override
    public Optional<DpsAnswer> awaitAnswer(Duration maxWait) throws InterruptedException {
        Object event = events.poll(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        if (event instanceof ProvisioningClientException failure) {
            throw failure;
        }
        return Optional.ofNullable((DpsAnswer) event);
    }

    @Override
    public void close() {
        inFlight.forEach(request -> request.cancel(true));
        if (client != null) {
            HttpsClients.shutdown(client);
        }
    }
}
