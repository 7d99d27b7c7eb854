package dev.berth.server.metrics;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.dps.RegistrationStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The device-side meters: refusals by reason and transport, registrations by outcome, assignment time. */
public final class DpsMetrics {
    private final MeterRegistry registry;

    public DpsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void refused(DpsErrorCode code, String transport) {
        Counter.builder("berth.dps.refusals").description("device requests refused, by reason")
                .tag("reason", code.reason()).tag("code", Integer.toString(code.code())).tag("transport", transport)
                .register(registry).increment();
    }

    public void registered(RegistrationStatus outcome, Duration took) {
        Counter.builder("berth.dps.registrations").description("register operations completed, by outcome")
                .tag("status", outcome.wireName()).register(registry).increment();
        Timer.builder("berth.dps.assignment").description("time to authenticate, allocate and persist a registration")
                .register(registry).record(took);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
