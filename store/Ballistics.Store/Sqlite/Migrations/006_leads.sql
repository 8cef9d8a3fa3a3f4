-- Version 6: the leads of evidence submitted through the API and their review (issue 6 §2). A submission's search
-- writes its ranked candidates here; reviewers and examiners move them on (engine: LeadReview), and every move is a
-- row of lead_review — who, when, from what to what, and why — beside the audit log's record of the request.

CREATE TABLE lead (
    id INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES scan_item (id),
    candidate_id INTEGER NOT NULL REFERENCES scan_item (id),
    rank INTEGER NOT NULL CHECK (rank > 0),
    score REAL NOT NULL,
    similarity REAL NOT NULL,
    cmc INTEGER NOT NULL,
    ccf REAL NOT NULL,
    theta_deg REAL NOT NULL,
    dx_um REAL NOT NULL,
    dy_um REAL NOT NULL,
    algorithm_version TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'lead', 'confirmed', 'rejected')),
    created_at TEXT NOT NULL,
    UNIQUE (evidence_id, candidate_id)
) STRICT;
CREATE INDEX lead_by_candidate ON lead (candidate_id);

CREATE TABLE lead_review (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES lead (id),
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    key_id INTEGER REFERENCES api_key (id),
    role TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    note TEXT,
    at TEXT NOT NULL
) STRICT;
CREATE INDEX lead_review_by_lead ON lead_review (lead_id, id);

INSERT INTO data_class (table_name, class) VALUES ('lead', 'event'), ('lead_review', 'event');
