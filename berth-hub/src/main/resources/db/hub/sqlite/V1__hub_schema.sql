-- The embedded hub's tables, beside the provisioning tables in the same database, with their own Flyway
-- history (berth_hub_schema_history). Times are INTEGER microseconds since the epoch (SQLite has no time type).
-- Device IDs are case-sensitive in IoT Hub, so they are the keys as given.

CREATE TABLE hub_devices (
    device_id             TEXT    NOT NULL PRIMARY KEY,
    generation_id         TEXT    NOT NULL,
    etag                  TEXT    NOT NULL,
    status                TEXT    NOT NULL,
    status_reason         TEXT,
    authentication_type   TEXT    NOT NULL,
    primary_key           TEXT,
    secondary_key         TEXT,
    primary_thumbprint    TEXT,
    secondary_thumbprint  TEXT,
    ca_certificate_pem    TEXT,
    iot_edge              INTEGER NOT NULL,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
);

CREATE TABLE hub_twins (
    device_id        TEXT    NOT NULL PRIMARY KEY REFERENCES hub_devices (device_id) ON DELETE CASCADE,
    tags             TEXT    NOT NULL,
    desired          TEXT    NOT NULL,
    desired_version  INTEGER NOT NULL,
    reported         TEXT    NOT NULL,
    reported_version INTEGER NOT NULL,
    etag             TEXT    NOT NULL,
    version          INTEGER NOT NULL
);

CREATE TABLE hub_c2d_messages (
    sequence        INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id       TEXT    NOT NULL REFERENCES hub_devices (device_id) ON DELETE CASCADE,
    message_id      TEXT    NOT NULL,
    payload         BLOB    NOT NULL,
    properties      TEXT    NOT NULL,
    correlation_id  TEXT,
    enqueued_at     INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    delivery_count  INTEGER NOT NULL,
    UNIQUE (device_id, message_id)
);

CREATE INDEX hub_c2d_by_expiry ON hub_c2d_messages (expires_at);

CREATE TABLE hub_telemetry (
    sequence               INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id              TEXT    NOT NULL,
    module_id              TEXT,
    received_at            INTEGER NOT NULL,
    system_properties      TEXT    NOT NULL,
    application_properties TEXT    NOT NULL,
    payload                BLOB    NOT NULL
);

CREATE INDEX hub_telemetry_by_device ON hub_telemetry (device_id, sequence);
CREATE INDEX hub_telemetry_by_age ON hub_telemetry (received_at);
