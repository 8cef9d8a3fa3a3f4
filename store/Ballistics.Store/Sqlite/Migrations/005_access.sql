-- Version 5: who may use the API and what they did (issue 6 §3).
-- A key is kept only as its SHA-256 (the key itself is printed once, when made); its role, agency and country decide
-- what its holder may see. The audit log is append-only: triggers refuse every UPDATE and DELETE, and each entry
-- carries a hash chained over the one before it, so an entry changed or removed behind SQLite's back (the file edited
-- directly) shows when the chain is checked.

CREATE TABLE api_key (
    id INTEGER PRIMARY KEY,
    key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
    prefix TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('lab', 'reviewer', 'examiner', 'investigator', 'analyst', 'admin')),
    agency TEXT NOT NULL CHECK (length(agency) > 0),
    country TEXT NOT NULL CHECK (country IN ('US', 'MX')),
    label TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT
) STRICT;

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    key_id INTEGER REFERENCES api_key (id),
    role TEXT,
    agency TEXT,
    country TEXT,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    action TEXT NOT NULL,
    resource TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'denied', 'rejected', 'failed')),
    status INTEGER NOT NULL,
    case_number TEXT,
    purpose TEXT,
    detail TEXT,
    chain TEXT NOT NULL CHECK (length(chain) = 64)
) STRICT;
CREATE INDEX audit_log_by_key ON audit_log (key_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

INSERT INTO data_class (table_name, class) VALUES ('api_key', 'system'), ('audit_log', 'system');
