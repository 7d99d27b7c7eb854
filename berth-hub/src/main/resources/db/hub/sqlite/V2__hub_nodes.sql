-- Times are INTEGER microseconds since the epoch, as in V1. Only PostgreSQL runs several nodes; on SQLite the
-- tables exist so that one schema and one store serve both (stored subscriptions are used on both).
-- Several hub nodes on one database (docs/hub.md, "Several hub nodes"): which nodes are alive, which node holds
-- each device's connection, a per-node inbox of events (woken by NOTIFY, polled as a fallback), direct-method
-- calls handed from the node that got the REST call to the node that holds the device, and the subscriptions of
-- clean-session=0 devices so that they survive a restart or a move to another node.

CREATE TABLE hub_nodes (
    node_id             TEXT        NOT NULL PRIMARY KEY,
    started_at          INTEGER     NOT NULL,
    last_seen           INTEGER     NOT NULL,
    telemetry_followers INTEGER     NOT NULL
);

CREATE TABLE hub_presence (
    device_id    TEXT        NOT NULL PRIMARY KEY,
    node_id      TEXT        NOT NULL,
    session_id   TEXT        NOT NULL,
    connected_at INTEGER     NOT NULL
);

CREATE INDEX hub_presence_by_node ON hub_presence (node_id);

CREATE TABLE hub_events (
    sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
    target_node TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    device_id   TEXT        NOT NULL,
    body        BLOB        NOT NULL,
    created_at  INTEGER     NOT NULL
);

CREATE INDEX hub_events_by_target ON hub_events (target_node, sequence);
CREATE INDEX hub_events_by_age ON hub_events (created_at);

CREATE TABLE hub_method_calls (
    call_id          TEXT        NOT NULL PRIMARY KEY,
    device_id        TEXT        NOT NULL,
    method_name      TEXT        NOT NULL,
    payload          BLOB        NOT NULL,
    response_timeout INTEGER     NOT NULL,
    caller_node      TEXT        NOT NULL,
    created_at       INTEGER     NOT NULL,
    claim_deadline   INTEGER     NOT NULL,
    claimed_by       TEXT,
    outcome          TEXT,
    answer_status    INTEGER,
    answer_payload   BLOB
);

CREATE INDEX hub_method_calls_by_device ON hub_method_calls (device_id, claimed_by);
CREATE INDEX hub_method_calls_by_age ON hub_method_calls (created_at);

CREATE TABLE hub_subscriptions (
    device_id  TEXT        NOT NULL PRIMARY KEY REFERENCES hub_devices (device_id) ON DELETE CASCADE,
    filters    TEXT        NOT NULL,
    updated_at INTEGER     NOT NULL
);
