package dev.berth.device.provisioning.internal;

/** One message the service published on {@code $dps/registrations/res/#}. */
public record DpsAnswer(String topic, byte[] body) {
}
