-- Version 2: cartridge-case scans on file for corpus search (issue 4).
-- One row per distinct original file: `sha256` is the file's content address (the bytes live under
-- blobs/ by that name, written and renamed into place before the row commits, so a row never names a
-- missing file). The stage-1 signature is stored with the versions that made it; a build with another
-- signature version recomputes it from the original. exhibit_id joins seizure_evidence.exhibit_id.

CREATE TABLE scan_item (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    exhibit_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    byte_count INTEGER NOT NULL CHECK (byte_count > 0),
    kind TEXT NOT NULL CHECK (kind IN ('evidence', 'test_fire')),
    lab TEXT,
    agency TEXT,
    country TEXT CHECK (country IN ('US', 'MX')),
    firearm_id TEXT,
    incident_id TEXT,
    caliber TEXT,
    firing_pin_class TEXT,
    breech_face_class TEXT,
    event_date TEXT,
    us_state TEXT,
    mx_state TEXT,
    mx_municipality TEXT,
    added_at TEXT NOT NULL,
    preprocess_version TEXT NOT NULL,
    signature_version TEXT NOT NULL,
    signature BLOB NOT NULL
) STRICT;
CREATE INDEX scan_item_by_exhibit ON scan_item (exhibit_id);
CREATE INDEX scan_item_by_added ON scan_item (added_at);

INSERT INTO data_class (table_name, class) VALUES ('scan_item', 'event');
