-- The cluster's membership and grain state in PostgreSQL, for Orleans' own ADO.NET providers
-- (Microsoft.Orleans.Clustering.AdoNet and Microsoft.Orleans.Persistence.AdoNet 10.4.2).
--
-- The providers hold no SQL of their own: each loads its statements at start from OrleansQuery, by key, and then
-- binds fixed parameter names (@DeploymentId, @Version, @GrainStateVersion, ...) and reads fixed result column
-- names ("Version", "PayloadBinary", "NewGrainStateVersion", ...). Those keys and names are the contract, learnt from
-- the 10.4.2 assemblies; everything behind them (the tables, their names, the statements) is ours. Orleans ships its
-- PostgreSQL scripts only in its source, not in the packages, so the silos install this file themselves:
-- ClusterDatabase.EnsureSchema runs all of it in one transaction under an advisory lock at every silo's start. Every
-- statement must therefore be safe to run again, and the queries are upserted so that a newer build's replace an
-- older's. A change to a table's shape needs more than IF NOT EXISTS: add it as an explicit step here.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey TEXT PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- One row per cluster (the providers say deployment for Orleans' ClusterId). Every change to a silo's row moves the
-- version by one, and only from the version its writer read: two silos acting on the same view of the table cannot
-- both succeed, which Orleans' membership protocol relies on. Heartbeats leave it alone (they decide nothing).
CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 0,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per silo incarnation: a restarted silo has a new generation, so a new row, and the old one stays Dead
-- until the providers' cleanup removes it.
CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id TEXT NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    port INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    silo_name TEXT NOT NULL,
    host_name TEXT NOT NULL,
    status INTEGER NOT NULL,
    proxy_port INTEGER NOT NULL,
    suspect_times TEXT,
    start_time TIMESTAMPTZ NOT NULL,
    i_am_alive_time TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- The optimistic lock every change to a silo's row takes, in one place: the version moves on only from the version the
-- writer read (expected), and only if the silo is in the table (silo_present) or not, as the change needs. It answers
-- the cluster's id if it moved, nothing if not: the caller writes the row only from that answer, in the same
-- statement, so a stale version writes nothing. Under READ COMMITTED a writer that raced another waits for its commit
-- and then finds the version moved on.
CREATE OR REPLACE FUNCTION orleans_move_membership_version(
    cluster TEXT, expected INTEGER, silo_address TEXT, silo_port INTEGER, silo_generation INTEGER, silo_present BOOLEAN)
RETURNS TABLE (deployment_id TEXT)
LANGUAGE sql AS $f$
    UPDATE orleans_membership_version v
    SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = cluster AND v.version = expected
      AND silo_present = EXISTS (
          SELECT 1 FROM orleans_membership m
          WHERE m.deployment_id = cluster AND m.address = silo_address AND m.port = silo_port AND m.generation = silo_generation)
    RETURNING v.deployment_id
$f$;

-- Every read of the membership answers at least one row, the cluster's version row, joined to the silo rows asked
-- for (all, where silo_address is NULL): the provider takes the table's version from the first row, and a NULL
-- "StartTime" says there is no silo in it. The column names are the provider's.
CREATE OR REPLACE FUNCTION orleans_read_membership(cluster TEXT, silo_address TEXT, silo_port INTEGER, silo_generation INTEGER)
RETURNS TABLE (
    "Version" INTEGER, "Address" TEXT, "Port" INTEGER, "Generation" INTEGER, "SiloName" TEXT, "HostName" TEXT,
    "Status" INTEGER, "ProxyPort" INTEGER, "SuspectTimes" TEXT, "StartTime" TIMESTAMPTZ, "IAmAliveTime" TIMESTAMPTZ)
LANGUAGE sql STABLE AS $f$
    SELECT v.version, m.address, m.port, m.generation, m.silo_name, m.host_name,
           m.status, m.proxy_port, m.suspect_times, m.start_time, m.i_am_alive_time
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m
           ON m.deployment_id = v.deployment_id
          AND (silo_address IS NULL OR (m.address = silo_address AND m.port = silo_port AND m.generation = silo_generation))
    WHERE v.deployment_id = cluster
$f$;

COMMENT ON COLUMN orleans_membership.status IS
    'Orleans SiloStatus: 1 created, 2 joining, 3 active, 4 shutting down, 5 stopping, 6 dead';
COMMENT ON COLUMN orleans_membership.suspect_times IS
    'Votes that the silo is dead: suspecting silo, time; ...; separated by |, as Orleans writes them';

-- One row per grain state. The providers name a row by the state's name (their "grain type"; Orleans passes the
-- name given in [PersistentState]) and the grain's key, not by the grain's type: two grain types must not share a
-- state name in one storage. The key's hashes the providers also send exist to narrow look-ups on engines without
-- such indexes; they are not stored.
CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id TEXT NOT NULL,
    state_name TEXT NOT NULL,
    grain_id_n0 BIGINT NOT NULL,
    grain_id_n1 BIGINT NOT NULL,
    grain_id_extension TEXT,
    payload BYTEA,
    version INTEGER NOT NULL,
    written_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A grain key with no extension (NULL) must be unique too, and UNIQUE NULLS NOT DISTINCT needs PostgreSQL 15:
-- the second, partial index covers those keys on older servers. The first also serves every look-up by its prefix.
CREATE UNIQUE INDEX IF NOT EXISTS orleans_grain_state_key
    ON orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension);
CREATE UNIQUE INDEX IF NOT EXISTS orleans_grain_state_key_without_extension
    ON orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1)
    WHERE grain_id_extension IS NULL;

COMMENT ON COLUMN orleans_grain_state.payload IS
    'The state as UTF-8 JSON (System.Text.Json; read it with convert_from(payload, ''UTF8'')); NULL once cleared';

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Clustering. The membership reads are orleans_read_membership's, for all silos or one.

('MembershipReadAllKey', $q$
SELECT * FROM orleans_read_membership(@DeploymentId, NULL, NULL, NULL)
$q$),

('MembershipReadRowKey', $q$
SELECT * FROM orleans_read_membership(@DeploymentId, @Address, @Port, @Generation)
$q$),

-- True only for the call that made the row: the provider logs that it started a new cluster.
('InsertMembershipVersionKey', $q$
WITH made AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*) = 1 AS "Made" FROM made
$q$),

-- Written only if the version moved (orleans_move_membership_version: from @Version, for a silo not yet there).
('InsertMembershipKey', $q$
WITH added AS (
    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM orleans_move_membership_version(@DeploymentId, @Version, @Address, @Port, @Generation, silo_present => false)
    RETURNING 1
)
SELECT count(*) = 1 AS "Added" FROM added
$q$),

-- As the insert, for a silo that is there. No votes are kept as NULL, not as the empty text Orleans may send, so that
-- the cleanup below can match a row's votes exactly.
('UpdateMembershipKey', $q$
WITH changed AS (
    UPDATE orleans_membership m
    SET status = @Status, suspect_times = NULLIF(@SuspectTimes, ''), i_am_alive_time = @IAmAliveTime
    FROM orleans_move_membership_version(@DeploymentId, @Version, @Address, @Port, @Generation, silo_present => true) moved
    WHERE m.deployment_id = moved.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*) = 1 AS "Changed" FROM changed
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- Clients connect to the gateways of active silos.
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- The silo rows go with the version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Removes one dead silo's row, and only as the provider read it: a row changed since (a later heartbeat or vote)
-- stays. The provider picks the rows (dead, nothing newer than its cutoff) and prefers this to the key below.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND suspect_times IS NOT DISTINCT FROM NULLIF(@SuspectTimes, '')
$q$),

-- The provider requires this one to exist but uses it only when the key above is missing: dead silos not heard of
-- since @IAmAliveTime. Dead only: a silo in any other state is still the membership protocol's to judge.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = 6 AND start_time < @IAmAliveTime AND i_am_alive_time < @IAmAliveTime
$q$),

-- Grain state. The provider takes the version a write or clear answers as the state's new ETag, and an answer of
-- NULL (or of the ETag it sent) as a conflict: InconsistentStateException. No row at all would pass for success on a
-- first write, so these statements answer exactly one row, NULL when they wrote nothing.

('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM orleans_grain_state
WHERE service_id = @ServiceId AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- With an ETag, an update from that version only; without one, a first write, which fails where a row exists (another
-- activation wrote first). A concurrent first write waits on the unique index and then does nothing.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload = @PayloadBinary, version = version + 1, written_at = now()
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted) AS "NewGrainStateVersion"
$q$),

-- Clearing keeps the row, without its state, and moves its version on: a later first write (no ETag) still conflicts
-- with the activation that cleared it, and that activation writes on from the version it got back.
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE orleans_grain_state
    SET payload = NULL, version = version + 1, written_at = now()
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion"
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
