package dev.berth.app.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * When each device got the first answer to its register request (the {@code 202}). The Berth SDK has no per-step
 * callback, but its registration flow logs every answer at DEBUG ("{regId}: answer {status} for $rid={rid}", the
 * register request being $rid=1); this appender listens to exactly that logger, timestamps those events and keeps them
 * away from the console. If the SDK's wording ever changes, the report shows no first-answer samples rather than
 * wrong ones (and the bench test fails).
 */
final class FirstAnswerClock extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    static final String FLOW_LOGGER = "dev.berth.device.provisioning.internal.RegistrationFlow";
    private static final String ANSWER_FORMAT = "{}: answer {} for $rid={}";

    private final Map<String, Long> firstAnswerAt = new ConcurrentHashMap<>();
    private final Logger flowLogger = (Logger) LoggerFactory.getLogger(FLOW_LOGGER);
    private final Level previousLevel = flowLogger.getLevel();
    private final boolean previousAdditive = flowLogger.isAdditive();

    FirstAnswerClock() {
        setName("bench-first-answer");
        setContext(flowLogger.getLoggerContext());
        start();
        flowLogger.addAppender(this);
        flowLogger.setLevel(Level.DEBUG);
        flowLogger.setAdditive(false);
    }

    @Override
    protected void append(ILoggingEvent event) {
        Object[] arguments = event.getArgumentArray();
        if (ANSWER_FORMAT.equals(event.getMessage()) && arguments != null && arguments.length == 3 && "1".equals(arguments[2])) {
            firstAnswerAt.putIfAbsent(String.valueOf(arguments[0]), System.nanoTime());
        }
    }

    /** Nanoseconds from {@code startedNanos} to the device's first answer, or -1 if none was seen; forgets the device. */
    long since(String registrationId, long startedNanos) {
        Long at = firstAnswerAt.remove(registrationId);
        return at == null ? -1 : at - startedNanos;
    }

    @Override
    public void close() {
        flowLogger.detachAppender(this);
        flowLogger.setLevel(previousLevel);
        flowLogger.setAdditive(previousAdditive);
        stop();
    }
}
