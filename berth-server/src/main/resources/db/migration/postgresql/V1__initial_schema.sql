-- *_key columns hold the lower-cased ID: DPS matches IDs case-insensitively; the original spelling is kept beside it.
-- They sort by code point (COLLATE "C"), as on SQLite, so every backend pages in the same order.

CREATE TABLE enrollments (
    registration_key TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    registration_id  TEXT        NOT NULL,
    document         TEXT        NOT NULL,
    etag             TEXT        NOT NULL,
    attestation_type TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE enrollment_groups (
    group_key           TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    enrollment_group_id TEXT        NOT NULL,
    document            TEXT        NOT NULL,
    etag                TEXT        NOT NULL,
    attestation_type    TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);

CREATE INDEX enrollment_groups_by_attestation ON enrollment_groups (attestation_type, group_key);

CREATE TABLE registrations (
    registration_key     TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    registration_id      TEXT        NOT NULL,
    device_id            TEXT,
    assigned_hub         TEXT,
    status               TEXT        NOT NULL,
    substatus            TEXT,
    error_code           INTEGER,
    error_message        TEXT,
    created_at           TIMESTAMPTZ NOT NULL,
    last_updated_at      TIMESTAMPTZ NOT NULL,
    etag                 TEXT        NOT NULL,
    payload_json         TEXT,
    enrollment_group_id  TEXT,
    enrollment_group_key TEXT COLLATE "C"
);

CREATE INDEX registrations_by_group ON registrations (enrollment_group_key, registration_key);

CREATE TABLE operations (
    operation_id     TEXT        NOT NULL PRIMARY KEY,
    registration_key TEXT        NOT NULL,
    registration_id  TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    result_json      TEXT
);

CREATE INDEX operations_by_registration ON operations (registration_key);
CREATE INDEX operations_by_age ON operations (updated_at);

CREATE TABLE settings (
    setting_key   TEXT NOT NULL PRIMARY KEY,
    setting_value TEXT NOT NULL
);
