package dev.berth.device.client.internal;

import dev.berth.device.client.ConnectionStatus;
import dev.berth.device.client.ConnectionStatus.State;
import dev.berth.device.client.DeviceClientException;
import dev.berth.device.client.DeviceClientException.Reason;
import dev.berth.protocol.hub.HubTopics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the device connected: the first connect, reconnects with back-off after a loss, a fresh SAS token
 * before the old one expires, and the subscriptions on every new connection. All connection work runs on one
 * thread of its own, so connects, losses and renewals happen one after the other; callers only wait for
 * the state ({@link #awaitConnected}).
 */
public final class ConnectionSupervisor {

    /** What the supervisor tells the rest of the client; must not block. */
    public interface Events {
        void status(ConnectionStatus status);

        void message(HubConnection from, String topic, byte[] payload, Runnable acknowledge);

        /** The current connection is gone; requests waiting for an answer on it will not get one. */
        void connectionGone(String reason);
    }

    private enum Phase { CLOSED, OPENING, CONNECTED, RETRYING }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSupervisor.class);
    private static final long DISCONNECT_WAIT_MILLIS = 2000;

    private final ClientSettings settings;
    private final HubSasTokens tokens;
    private final Backoff backoff;
    private final Events events;
    private final List<String> subscriptions = new CopyOnWriteArrayList<>(List.of(HubTopics.TWIN_RESPONSES));
    private final Object lock = new Object();
    private Phase phase = Phase.CLOSED;
    private HubConnection current;
    private String lastError;
    private ScheduledExecutorService worker;
    private ScheduledFuture<?> scheduled;

    public ConnectionSupervisor(ClientSettings settings, Events events) {
        this.settings = settings;
        this.events = events;
        this.tokens = new HubSasTokens(settings.hubHostName(), settings.deviceId(), settings.sasTokenLifetime(), settings.clock());
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), settings.backoffJitter());
    }

    /** Why a connect attempt failed; {@code permanent} when retrying cannot help (the hub refused the credentials). */
    private record Failure(String message, boolean permanent) {
    }

    /** Connects once; false (with {@link #lastError()}) when the hub cannot be reached or refuses the device. */
    public boolean open() {
        ScheduledExecutorService thread;
        synchronized (lock) {
            if (phase != Phase.CLOSED) {
                return true;
            }
            phase = Phase.OPENING;
            lastError = null;
            var executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread t = new Thread(runnable, "berth-device-" + settings.deviceId() + "-connection");
                t.setDaemon(true);
                return t;
            });
            // close() drops a pending reconnect or renewal; a connect under way finishes and sees the client closed
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            worker = executor;
            thread = executor;
        }
        String failure;
        try {
            Failure attempt = thread.submit(this::attempt).get();
            failure = attempt == null ? null : attempt.message();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted while connecting to " + settings.endpoint();
        } catch (ExecutionException e) {
            failure = "connecting to " + settings.endpoint() + " failed: " + ConnectFailures.describe(e.getCause());
        }
        if (failure == null) {
            events.status(new ConnectionStatus(State.CONNECTED, null));
            return true;
        }
        stop(failure);
        return false;
    }

    public void close() {
        stop(null);
    }

    /** Marks the client closed, drops the connection and stops the connection thread. */
    private void stop(String failure) {
        HubConnection connection;
        ScheduledExecutorService thread;
        synchronized (lock) {
            if (phase == Phase.CLOSED) {
                return;
            }
            phase = Phase.CLOSED;
            if (failure != null) {
                lastError = failure;
            }
            connection = current;
            current = null;
            thread = worker;
            worker = null;
            lock.notifyAll();
        }
        if (connection != null) {
            connection.disconnect(DISCONNECT_WAIT_MILLIS);
        }
        thread.shutdown();
        String reason = failure != null ? failure : "closed by the application";
        events.connectionGone(reason);
        events.status(new ConnectionStatus(State.DISCONNECTED, reason));
    }

    public boolean isConnected() {
        synchronized (lock) {
            return phase == Phase.CONNECTED && current != null && current.isConnected();
        }
    }

    public String lastError() {
        synchronized (lock) {
            return lastError;
        }
    }

    /** Adds a subscription for every connection from now on, and subscribes the current one right away. */
    public void subscribe(String filter) {
        if (!subscriptions.contains(filter)) {
            subscriptions.add(filter);
        }
        synchronized (lock) {
            if (worker != null) {
                // on the connection thread, so a connect that is under way has finished and is subscribed too
                worker.execute(() -> subscribeCurrent(filter));
            }
        }
    }

    /**
     * The connection to send on, waiting up to {@code maxWait} while a reconnect is under way.
     *
     * @throws DeviceClientException NOT_CONNECTED when the client is closed, TIMEOUT when no connection came back in time
     */
    public HubConnection awaitConnected(Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (lock) {
            while (true) {
                if (phase == Phase.CONNECTED && current != null) {
                    return current;
                }
                if (phase == Phase.CLOSED) {
                    throw new DeviceClientException(Reason.NOT_CONNECTED, lastError == null
                            ? "the device client is not open; call open() first" : "not connected: " + lastError, null);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new DeviceClientException(Reason.TIMEOUT, "not connected to " + settings.endpoint() + " within "
                            + maxWait.toMillis() + " ms" + (lastError == null ? "" : "; last error: " + lastError), null);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeviceClientException(Reason.INTERRUPTED, "interrupted while waiting for the connection", e);
                }
            }
        }
    }

    /** One connect-and-subscribe, on the connection thread. @return null on success, else why it failed */
    private Failure attempt() {
        var token = tokens.issueFor(settings.credential());
        HubConnection connection = new HubConnection(settings, new Forwarder());
        long waitMillis = Math.max(1, settings.operationTimeout().toMillis());
        try {
            connection.connect(token.map(HubSasTokens.IssuedToken::password).orElse(null)).get(waitMillis, TimeUnit.MILLISECONDS);
            List<String> refused = connection.subscribe(List.copyOf(subscriptions)).get(waitMillis, TimeUnit.MILLISECONDS);
            if (!refused.isEmpty()) {
                LOG.warn("device {}: the hub refused the subscriptions {}", settings.deviceId(), refused);
            }
        } catch (ExecutionException e) {
            connection.disconnect(DISCONNECT_WAIT_MILLIS);
            ConnectFailures failure = ConnectFailures.of(settings, e.getCause());
            return new Failure(failure.message(), failure.credentialsRefused());
        } catch (java.util.concurrent.TimeoutException e) {
            connection.disconnect(DISCONNECT_WAIT_MILLIS);
            return new Failure("no answer from " + settings.endpoint() + " within " + waitMillis + " ms (connect and subscribe)", false);
        } catch (InterruptedException e) {
            connection.disconnect(DISCONNECT_WAIT_MILLIS);
            return new Failure("interrupted while connecting", true);
        }
        synchronized (lock) {
            if (phase == Phase.CLOSED) {
                connection.disconnect(DISCONNECT_WAIT_MILLIS);
                return new Failure("the client was closed while connecting", true);
            }
            phase = Phase.CONNECTED;
            current = connection;
            lock.notifyAll();
            token.ifPresent(t -> schedule(() -> renew(connection), t.renewIn(settings.clock().instant())));
        }
        LOG.debug("device {}: connected to {}", settings.deviceId(), settings.endpoint());
        return null;
    }

    private void lost(HubConnection connection, Throwable cause) {
        synchronized (lock) {
            if (phase != Phase.CONNECTED || current != connection) {
                return;
            }
            phase = Phase.RETRYING;
            current = null;
        }
        String reason = "connection to " + settings.endpoint() + " lost: " + ConnectFailures.describe(cause);
        LOG.info("device {}: {}; reconnecting", settings.deviceId(), reason);
        events.connectionGone(reason);
        events.status(new ConnectionStatus(State.DISCONNECTED_RETRYING, reason));
        scheduleRetry(0);
    }

    /** MQTT 3.1.1 cannot replace the password of a live connection, so renewal is a reconnect. */
    private void renew(HubConnection connection) {
        synchronized (lock) {
            if (phase != Phase.CONNECTED || current != connection) {
                return;
            }
            phase = Phase.RETRYING;
            current = null;
        }
        LOG.debug("device {}: reconnecting with a new SAS token", settings.deviceId());
        connection.disconnect(DISCONNECT_WAIT_MILLIS);
        events.connectionGone("the connection was renewed with a new SAS token");
        afterAttempt(attempt(), 0, false);
    }

    private void retry(int attempt) {
        synchronized (lock) {
            if (phase != Phase.RETRYING) {
                return;
            }
        }
        afterAttempt(attempt(), attempt, true);
    }

    private void afterAttempt(Failure failure, int attempt, boolean wasRetrying) {
        if (failure == null) {
            if (wasRetrying) {
                events.status(new ConnectionStatus(State.CONNECTED, null));
            }
            return;
        }
        if (failure.permanent()) {
            // the hub will refuse these credentials again: stop instead of hammering it
            stop(failure.message());
            return;
        }
        synchronized (lock) {
            if (phase == Phase.CLOSED) {
                return;
            }
            lastError = failure.message();
        }
        if (!wasRetrying) {
            events.status(new ConnectionStatus(State.DISCONNECTED_RETRYING, failure.message()));
        }
        LOG.info("device {}: reconnect attempt {} failed: {}", settings.deviceId(), attempt + 1, failure.message());
        scheduleRetry(attempt + 1);
    }

    private void scheduleRetry(int attempt) {
        Duration delay = backoff.delay(attempt);
        synchronized (lock) {
            schedule(() -> retry(attempt), delay);
        }
    }

    /** Caller holds the lock. */
    private void schedule(Runnable task, Duration delay) {
        if (worker != null && phase != Phase.CLOSED) {
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            scheduled = worker.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void subscribeCurrent(String filter) {
        HubConnection connection;
        synchronized (lock) {
            connection = phase == Phase.CONNECTED ? current : null;
        }
        if (connection != null) {
            connection.subscribe(List.of(filter)).whenComplete((refused, error) -> {
                if (error != null || !refused.isEmpty()) {
                    LOG.warn("device {}: subscribing to {} failed: {}", settings.deviceId(), filter,
                            error != null ? ConnectFailures.describe(error) : "refused by the hub");
                }
            });
        }
    }

    /** Hands connection events to the connection thread, or straight to the client for messages. */
    private final class Forwarder implements HubConnection.Listener {
        @Override
        public void onMessage(HubConnection connection, String topic, byte[] payload, Runnable acknowledge) {
            events.message(connection, topic, payload, acknowledge);
        }

        @Override
        public void onLost(HubConnection connection, Throwable cause) {
            synchronized (lock) {
                if (worker != null) {
                    worker.execute(() -> lost(connection, cause));
                }
            }
        }
    }
}
