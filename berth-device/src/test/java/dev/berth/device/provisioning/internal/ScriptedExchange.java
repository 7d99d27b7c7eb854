package dev.berth.device.provisioning.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A provisioning service in a box: each published request is answered by the next scripted reply, built
 * from the request's {@code $rid}. When the script is exhausted no answer comes and the fake clock moves
 * on by the whole wait, as a silent server would make it.
 */
final class ScriptedExchange implements ProvisioningExchange {

    final List<String> publishedTopics = new ArrayList<>();
    final List<String> publishedBodies = new ArrayList<>();
    boolean opened;
    boolean closed;
    Optional<ConnectRefusal> refusal = Optional.empty();

    private final FakeTicker ticker;
    private final Deque<Function<String, List<DpsAnswer>>> replies = new ArrayDeque<>();
    private final Deque<DpsAnswer> pending = new ArrayDeque<>();

    ScriptedExchange(FakeTicker ticker) {
        this.ticker = ticker;
    }

    /** The next request gets these answers (topic and body as functions of its rid). */
    ScriptedExchange reply(Function<String, List<DpsAnswer>> reply) {
        replies.add(reply);
        return this;
    }

    ScriptedExchange reply(String topicTemplate, String body) {
        return reply(rid -> List.of(answer(topicTemplate.replace("{rid}", rid), body)));
    }

    static DpsAnswer answer(String topic, String body) {
        return new DpsAnswer(topic, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<ConnectRefusal> open(Duration maxWait) {
        opened = true;
        return refusal;
    }

    @Override
    public void publish(String topic, byte[] body) {
        publishedTopics.add(topic);
        publishedBodies.add(new String(body, StandardCharsets.UTF_8));
        Function<String, List<DpsAnswer>> reply = replies.poll();
        if (reply != null) {
            String rid = topic.replaceAll(".*\\?\\$rid=([^&]*).*", "$1");
            pending.addAll(reply.apply(rid));
        }
    }

    @Override
    public Optional<DpsAnswer> awaitAnswer(Duration maxWait) {
        DpsAnswer next = pending.poll();
        if (next == null) {
            ticker.advance(maxWait);
        }
        return Optional.ofNullable(next);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** A clock that only moves when the flow sleeps or waits in vain. */
    static final class FakeTicker implements Ticker {
        long now;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            advance(duration);
        }

        void advance(Duration duration) {
            now += duration.toNanos();
        }
    }
}
