-- Orleans' ADO.NET providers on PostgreSQL, version 1 (schema module "orleans"): the query table the providers read
-- their SQL from, the grain state, reminders and membership tables, and the query texts for every key the three
-- providers need. Our own schema and queries, written to the providers' contract (docs/storage-schema.md).
-- Applied at silo start under the schema advisory lock, in one transaction; statements are idempotent.
--
-- Parameters in the query texts (@Name) are bound by the providers; every multi-step write is a single statement
-- (data-modifying CTEs), so it is all-or-nothing without explicit transactions or assertions.

-- The providers read "SELECT QueryKey, QueryText FROM OrleansQuery" unquoted, so these names fold to lower case.
create table if not exists OrleansQuery (
    QueryKey  text primary key,
    QueryText text not null
);

-- Grain state: one row per (service, state, grain). grain_type is the provider's GrainTypeString: the state name,
-- which the silo qualifies with the grain type. grain_id_n0/n1/extension are the provider's split of the grain key.
-- The identity is unique (NULLs not distinct), so concurrent first writes cannot create two rows.
create table if not exists orleans_grain_state (
    service_id         text        not null,
    grain_type         text        not null,
    grain_id_n0        bigint      not null,
    grain_id_n1        bigint      not null,
    grain_id_extension text,
    grain_id_hash      integer     not null,
    grain_type_hash    integer     not null,
    payload            bytea,                 -- NULL once cleared: the row keeps its version
    version            integer     not null,  -- the ETag; 1 on first write, +1 on each write and clear
    modified_at        timestamptz not null default now()
);
create unique index if not exists orleans_grain_state_identity
    on orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension) nulls not distinct;

-- Reminders: one row per (service, grain, reminder). grain_id is GrainId.ToString() ("type/key").
create table if not exists orleans_reminders (
    service_id    text        not null,
    grain_id      text        not null,
    reminder_name text        not null,
    start_time    timestamptz not null,
    period        bigint      not null,  -- milliseconds
    grain_hash    integer     not null,  -- the grain's position on the hash ring (uint stored as int)
    version       integer     not null,  -- the ETag; 0 on insert, +1 on each update
    primary key (service_id, grain_id, reminder_name)
);
-- Each silo reads the reminders of its ring range: ServiceId plus a hash range.
create index if not exists orleans_reminders_by_hash on orleans_reminders (service_id, grain_hash);

-- Membership: one version row per cluster (deployment_id = ClusterOptions.ClusterId), compare-and-swapped by every
-- change of a member row; heartbeats do not touch it.
create table if not exists orleans_membership_version (
    deployment_id text        primary key,
    version       integer     not null default 0,
    changed_at    timestamptz not null default now()
);
create table if not exists orleans_membership (
    deployment_id   text        not null references orleans_membership_version (deployment_id) on delete cascade,
    address         text        not null,
    port            integer     not null,
    generation      integer     not null,
    silo_name       text        not null,
    host_name       text        not null,
    status          integer     not null,  -- 0 None, 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead
    proxy_port      integer     not null,  -- 0: no gateway
    suspect_times   text,                  -- "silo,date|silo,date", verbatim from the provider
    start_time      timestamptz not null,
    i_am_alive_time timestamptz not null,
    primary key (deployment_id, address, port, generation)
);

insert into OrleansQuery (QueryKey, QueryText) values

-- Grain persistence -------------------------------------------------------------------------------------------------

('ReadFromStorageKey', $q$
SELECT payload AS PayloadBinary, version AS Version
FROM orleans_grain_state
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND (grain_id_extension = @GrainIdExtensionString OR (grain_id_extension IS NULL AND @GrainIdExtensionString IS NULL))
$q$),

-- A known ETag updates the row holding that version; no ETag inserts only if the grain has no row yet. At most one
-- of the two returns a row; none means conflict.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now(),
        grain_id_hash = @GrainIdHash, grain_type_hash = @GrainTypeHash
    WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND (grain_id_extension = @GrainIdExtensionString OR (grain_id_extension IS NULL AND @GrainIdExtensionString IS NULL))
    RETURNING version
), inserted AS (
    INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension,
                                     grain_id_hash, grain_type_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
           @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT version FROM inserted
$q$),

('ClearStorageKey', $q$
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, modified_at = now()
WHERE version = @GrainStateVersion
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND (grain_id_extension = @GrainIdExtensionString OR (grain_id_extension IS NULL AND @GrainIdExtensionString IS NULL))
RETURNING version AS NewGrainStateVersion
$q$),

('DeleteStorageKey', $q$
DELETE FROM orleans_grain_state
WHERE version = @GrainStateVersion
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND (grain_id_extension = @GrainIdExtensionString OR (grain_id_extension IS NULL AND @GrainIdExtensionString IS NULL))
RETURNING version + 1 AS NewGrainStateVersion
$q$),

-- Reminders ---------------------------------------------------------------------------------------------------------

('ReadReminderRowsKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

-- The ring range (BeginHash, EndHash] when BeginHash < EndHash.
('ReadRangeRows1Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

-- The range that wraps around the ring (BeginHash >= EndHash; equal means the whole ring).
('ReadRangeRows2Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
    version = orleans_reminders.version + 1
RETURNING version AS Version
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1
)
SELECT count(*)::integer AS Deleted FROM deleted
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$),

-- Membership --------------------------------------------------------------------------------------------------------

('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS Inserted FROM inserted
$q$),

('MembershipReadAllKey', $q$
SELECT v.version AS Version, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadRowKey', $q$
SELECT v.version AS Version, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

-- Join: bump the version (compare-and-swap) only if the member is new, and insert the member only if the bump
-- happened. One statement: both or neither.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleans_membership
                      WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                    suspect_times, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           NULL, @StartTime, @IAmAliveTime
    FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS Inserted FROM inserted
$q$),

-- Status change or vote: bump the version (compare-and-swap) only if the member exists, and update the member only
-- if the bump happened. One statement: both or neither.
('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM orleans_membership
                  WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), updated AS (
    UPDATE orleans_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE m.deployment_id = bumped.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*)::integer AS Updated FROM updated
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

('GatewaysQueryKey', $q$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- The members go with their version row (foreign key on delete cascade).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Dead members not alive since the cutoff. The version is not changed.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = 6
  AND i_am_alive_time < @IAmAliveTime AND start_time < @IAmAliveTime
$q$),

-- One dead member, only if it is still exactly the row the provider read. The version is not changed.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6 AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND suspect_times IS NOT DISTINCT FROM @SuspectTimes
$q$)

on conflict (QueryKey) do update set QueryText = excluded.QueryText;
