package dev.berth.hub.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.server.store.Jdbc;
import dev.berth.server.store.JdbcBerthStore;
import dev.berth.server.store.Page;
import dev.berth.server.store.SqlDialect;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The hub's store on the provisioning service's SQL database (SQLite or PostgreSQL): its own tables and
 * migration history, the provisioning store's connection pool. It does not own the pool; closing the
 * provisioning store closes it.
 */
public final class JdbcHubStore implements HubStore {
    private final int migrationsApplied;
    private final JdbcHubDevices devices;
    private final JdbcTwins twins;
    private final JdbcCloudToDeviceQueue messages;
    private final JdbcTelemetry telemetry;
    private final JdbcSubscriptions subscriptions;
    private final JdbcClusterStore cluster;

    public JdbcHubStore(DataSource dataSource, SqlDialect dialect, Clock clock) {
        this.migrationsApplied = HubMigrations.apply(dataSource, dialect);
        Jdbc jdbc = new Jdbc(dataSource, dialect);
        this.twins = new JdbcTwins(jdbc);
        this.devices = new JdbcHubDevices(jdbc, twins, clock);
        this.messages = new JdbcCloudToDeviceQueue(jdbc, clock);
        this.telemetry = new JdbcTelemetry(jdbc, clock);
        this.subscriptions = new JdbcSubscriptions(jdbc, clock);
        this.cluster = new JdbcClusterStore(jdbc, clock);
    }

    /** Opens the hub's tables in the database of this provisioning store, migrating them first. */
    public static JdbcHubStore on(JdbcBerthStore provisioningStore, Clock clock) {
        return new JdbcHubStore(provisioningStore.dataSource(), provisioningStore.sqlDialect(), clock);
    }

    /** How many hub migrations opening this store applied; 0 when the tables were already current. */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** Node heartbeats, device presence, node inboxes and handed-over method calls (several nodes on PostgreSQL). */
    public JdbcClusterStore cluster() {
        return cluster;
    }

    @Override
    public Optional<DeviceRecord> findDevice(String deviceId) {
        return devices.find(deviceId);
    }

    @Override
    public DeviceRecord putDevice(DeviceRecord device, String ifMatch) {
        return devices.put(device, ifMatch);
    }

    @Override
    public DeviceRecord createDevice(DeviceRecord device) {
        return devices.create(device);
    }

    @Override
    public boolean deleteDevice(String deviceId, String ifMatch) {
        return devices.delete(deviceId, ifMatch);
    }

    @Override
    public Page<DeviceRecord> listDevices(int maxItems, String continuation) {
        return devices.list(maxItems, continuation);
    }

    @Override
    public Optional<TwinRecord> findTwin(String deviceId) {
        return twins.find(deviceId);
    }

    @Override
    public TwinRecord patchReported(String deviceId, ObjectNode patch) {
        return twins.change(deviceId, null, "patch reported properties", current -> {
            ObjectNode reported = TwinDocuments.merge(current.reported(), patch, "reported");
            TwinDocuments.requireSize("reported properties", reported, TwinDocuments.MAX_REPORTED_BYTES);
            return new TwinRecord(deviceId, current.tags(), current.desired(), current.desiredVersion(), reported,
                    current.reportedVersion() + 1, null, 0);
        });
    }

    @Override
    public TwinRecord patchDesired(String deviceId, ObjectNode tagsPatch, ObjectNode desiredPatch, String ifMatch) {
        return twins.change(deviceId, ifMatch, "patch tags and desired properties", current -> {
            ObjectNode tags = TwinDocuments.merge(current.tags(), tagsPatch, "tags");
            ObjectNode desired = TwinDocuments.merge(current.desired(), desiredPatch, "desired");
            return checked(current, tags, desired, desiredPatch != null && !TwinDocuments.withoutVersionFields(desiredPatch).isEmpty());
        });
    }

    @Override
    public TwinRecord replaceDesired(String deviceId, ObjectNode tags, ObjectNode desired, String ifMatch) {
        return twins.change(deviceId, ifMatch, "replace tags and desired properties", current -> checked(current,
                TwinDocuments.merge(null, tags, "tags"), TwinDocuments.merge(null, desired, "desired"), true));
    }

    private static TwinRecord checked(TwinRecord current, ObjectNode tags, ObjectNode desired, boolean desiredChanged) {
        TwinDocuments.requireSize("tags", tags, TwinDocuments.MAX_TAGS_BYTES);
        TwinDocuments.requireSize("desired properties", desired, TwinDocuments.MAX_DESIRED_BYTES);
        return new TwinRecord(current.deviceId(), tags, desired, current.desiredVersion() + (desiredChanged ? 1 : 0),
                current.reported(), current.reportedVersion(), null, 0);
    }

    @Override
    public CloudToDeviceMessage enqueue(CloudToDeviceMessage message) {
        return messages.enqueue(message);
    }

    @Override
    public List<CloudToDeviceMessage> pendingMessages(String deviceId, Instant now, int maxItems) {
        return messages.pending(deviceId, now, maxItems);
    }

    @Override
    public int pendingMessageCount(String deviceId, Instant now) {
        return messages.count(deviceId, now);
    }

    @Override
    public Map<String, Integer> pendingMessageCounts(Collection<String> deviceIds, Instant now) {
        return messages.counts(deviceIds, now);
    }

    @Override
    public void markDelivered(String deviceId, String messageId) {
        messages.markDelivered(deviceId, messageId);
    }

    @Override
    public boolean complete(String deviceId, String messageId) {
        return messages.complete(deviceId, messageId);
    }

    @Override
    public int purgeExpiredMessages(Instant now) {
        return messages.purgeExpired(now);
    }

    @Override
    public TelemetryMessage appendTelemetry(TelemetryMessage message) {
        return telemetry.append(message);
    }

    @Override
    public List<TelemetryMessage> telemetryAfter(long sequence, String deviceId, int maxItems) {
        return telemetry.after(sequence, deviceId, maxItems);
    }

    @Override
    public int purgeTelemetry(Instant receivedBefore) {
        return telemetry.purge(receivedBefore);
    }

    @Override
    public void saveSubscriptions(String deviceId, Map<String, Integer> filters) {
        subscriptions.save(deviceId, filters);
    }

    @Override
    public Map<String, Integer> findSubscriptions(String deviceId) {
        return subscriptions.find(deviceId);
    }

    @Override
    public boolean forgetSubscriptions(String deviceId) {
        return subscriptions.forget(deviceId);
    }
}
