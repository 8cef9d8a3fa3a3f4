-- Version 1: trace requests, seizure reports and firearm transactions (issue 5).
-- Every record is one row of `record` (its content id makes ingest idempotent) and the rows it owns
-- in the tables below; `record.parts` says how many, so a check can prove no record is half stored.
-- Personal data (possessors, purchasers) lives only in `person`; `data_class` says so, for the
-- access rules of the API. Scan items (issue 4) come in a later migration beside these tables:
-- seizure_evidence.exhibit_id is the key they will join on.

CREATE TABLE data_class (
    table_name TEXT PRIMARY KEY,
    class TEXT NOT NULL CHECK (class IN ('system', 'firearm', 'event', 'personal'))
) STRICT;

CREATE TABLE record (
    id INTEGER PRIMARY KEY,
    content_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('trace', 'seizure', 'transaction')),
    parts INTEGER NOT NULL CHECK (parts > 0),
    source TEXT NOT NULL,
    line INTEGER NOT NULL,
    stored_at TEXT NOT NULL
) STRICT;

CREATE TABLE firearm (
    record_id INTEGER PRIMARY KEY REFERENCES record (id) ON DELETE CASCADE,
    make TEXT,
    make_code TEXT,
    importer TEXT,
    model TEXT,
    model_key TEXT,
    caliber TEXT,
    caliber_code TEXT,
    type_code TEXT,
    serial_status TEXT NOT NULL CHECK (serial_status IN ('present', 'unknown', 'obliterated', 'none')),
    serial TEXT,
    serial_key TEXT,
    country_of_origin TEXT,
    other_markings TEXT
) STRICT;
CREATE INDEX firearm_by_serial ON firearm (serial_key, make_code);

CREATE TABLE recovery (
    record_id INTEGER PRIMARY KEY REFERENCES record (id) ON DELETE CASCADE,
    incident_id TEXT,
    agency TEXT,
    ori TEXT,
    case_number TEXT,
    crime_code TEXT,
    recovery_date TEXT,
    country TEXT,
    state_code TEXT,
    locality TEXT
) STRICT;
CREATE INDEX recovery_by_incident ON recovery (incident_id);

CREATE TABLE trace_request (
    record_id INTEGER PRIMARY KEY REFERENCES recovery (record_id) ON DELETE CASCADE,
    trace_number TEXT,
    requester_country TEXT,
    priority TEXT NOT NULL CHECK (priority IN ('routine', 'urgent'))
) STRICT;
CREATE INDEX trace_by_number ON trace_request (trace_number);

CREATE TABLE seizure_evidence (
    record_id INTEGER NOT NULL REFERENCES recovery (record_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    exhibit_id TEXT NOT NULL,
    PRIMARY KEY (record_id, position)
) STRICT;
CREATE INDEX evidence_by_exhibit ON seizure_evidence (exhibit_id);

CREATE TABLE sale (
    record_id INTEGER PRIMARY KEY REFERENCES record (id) ON DELETE CASCADE,
    transaction_id TEXT,
    import_date TEXT,
    distributor TEXT,
    distributor_date TEXT,
    dealer TEXT,
    dealer_ffl TEXT,
    dealer_date TEXT,
    retail_date TEXT,
    multiple_sale_report TEXT
) STRICT;
CREATE INDEX sale_by_ffl ON sale (dealer_ffl);
CREATE INDEX sale_by_report ON sale (multiple_sale_report);

CREATE TABLE person (
    record_id INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('possessor', 'purchaser')),
    person_key TEXT,
    name TEXT,
    date_of_birth TEXT,
    address TEXT,
    identification TEXT,
    PRIMARY KEY (record_id, role)
) STRICT;
CREATE INDEX person_by_key ON person (person_key, role);

INSERT INTO data_class (table_name, class) VALUES
    ('schema_version', 'system'),
    ('data_class', 'system'),
    ('record', 'system'),
    ('firearm', 'firearm'),
    ('sale', 'firearm'),
    ('recovery', 'event'),
    ('trace_request', 'event'),
    ('seizure_evidence', 'event'),
    ('person', 'personal');
