package dev.berth.server.allocation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the hub of a device among the candidate hubs.
 *
 * <p>{@code hashed} (and {@code geoLatency}, where all hubs of one site are equally near) uses rendezvous
 * hashing on the lower-cased registration ID: stable for a device, evenly weighted over the hubs, and when
 * a hub is added only the devices that move to it change. {@code static} takes the single hub named.
 */
public final class HubAllocator {

    /** @return empty when there is no candidate hub */
    public Optional<String> allocate(String registrationId, String allocationPolicy, List<String> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if ("static".equalsIgnoreCase(allocationPolicy) || candidates.size() == 1) {
            return Optional.of(candidates.get(0));
        }
        String device = registrationId.toLowerCase(Locale.ROOT);
        String best = null;
        long bestWeight = Long.MIN_VALUE;
        for (String hub : candidates) {
            long weight = weight(device, hub.toLowerCase(Locale.ROOT));
            if (best == null || weight > bestWeight || (weight == bestWeight && hub.compareTo(best) < 0)) {
                best = hub;
                bestWeight = weight;
            }
        }
        return Optional.of(best);
    }

    /**
     * The hubs a device may be given: those named on its enrollment that are still linked (compared
     * case-insensitively, returned with the linked spelling), or every linked hub when none is named.
     */
    public static List<String> candidates(List<String> enrollmentHubs, List<String> linkedHubs) {
        if (enrollmentHubs == null || enrollmentHubs.isEmpty()) {
            return linkedHubs;
        }
        List<String> result = new ArrayList<>();
        for (String linked : linkedHubs) {
            if (enrollmentHubs.stream().anyMatch(h -> h.equalsIgnoreCase(linked))) {
                result.add(linked);
            }
        }
        return result;
    }

    private static long weight(String device, String hub) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((hub + "\n" + device).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
