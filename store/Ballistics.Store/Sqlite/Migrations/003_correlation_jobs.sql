-- Version 3: batch correlation jobs (issue 4 `correlate`). A job fixes its selection when it starts (the items it
-- covers are those matching it with id <= last_item_id), and each item's leads are written in one transaction with
-- its row in correlation_done: a killed job resumes with the items not yet done, and no item's leads are written
-- twice. The results file is written from these rows when the job finishes.

CREATE TABLE correlation_job (
    id INTEGER PRIMARY KEY,
    selection TEXT NOT NULL,
    since TEXT,
    last_item_id INTEGER NOT NULL,
    candidates INTEGER NOT NULL CHECK (candidates > 0),
    leads INTEGER NOT NULL CHECK (leads > 0),
    out_path TEXT NOT NULL,
    algorithm_version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT
) STRICT;

CREATE TABLE correlation_done (
    job_id INTEGER NOT NULL REFERENCES correlation_job (id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES scan_item (id),
    compared INTEGER NOT NULL,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (job_id, item_id)
) STRICT;

CREATE TABLE correlation_lead (
    job_id INTEGER NOT NULL,
    item_id INTEGER NOT NULL,
    rank INTEGER NOT NULL CHECK (rank > 0),
    candidate_id INTEGER NOT NULL REFERENCES scan_item (id),
    score REAL NOT NULL,
    similarity REAL NOT NULL,
    cmc INTEGER NOT NULL,
    ccf REAL NOT NULL,
    theta_deg REAL NOT NULL,
    dx_um REAL NOT NULL,
    dy_um REAL NOT NULL,
    PRIMARY KEY (job_id, item_id, rank),
    FOREIGN KEY (job_id, item_id) REFERENCES correlation_done (job_id, item_id) ON DELETE CASCADE
) STRICT;

INSERT INTO data_class (table_name, class) VALUES ('correlation_job', 'system'), ('correlation_done', 'system'), ('correlation_lead', 'event');
