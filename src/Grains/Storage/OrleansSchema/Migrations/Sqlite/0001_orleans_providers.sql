-- Orleans' ADO.NET providers on the embedded SQLite file, version 1 (schema module "orleans"): the query table, the
-- grain state and reminders tables and the query texts of grain persistence and reminders (an embedded silo uses
-- in-memory localhost clustering, so there is no membership here). Same rules as the PostgreSQL script; see
-- docs/storage-schema.md.
--
-- Every query text is one or two single statements with no BEGIN: a pooled connection never keeps a transaction
-- open after a failure. Times are TEXT as the provider binds them ("yyyy-MM-dd HH:mm:ss.FFFFFFF", UTC).

create table if not exists OrleansQuery (
    QueryKey  text primary key,
    QueryText text not null
) without rowid;

create table if not exists orleans_grain_state (
    service_id         text    not null,
    grain_type         text    not null,
    grain_id_n0        integer not null,
    grain_id_n1        integer not null,
    grain_id_extension text,
    grain_id_hash      integer not null,
    grain_type_hash    integer not null,
    payload            blob,              -- NULL once cleared: the row keeps its version
    version            integer not null,  -- the ETag; 1 on first write, +1 on each write and clear
    modified_at        text    not null
);
-- The grain identity is unique with NULL extensions not distinct: SQLite unique indexes treat NULLs as distinct, so
-- rows without an extension get their own partial unique index. Reads use the first index ("extension IS @x").
create unique index if not exists orleans_grain_state_identity
    on orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension);
create unique index if not exists orleans_grain_state_identity_no_extension
    on orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1) where grain_id_extension is null;

create table if not exists orleans_reminders (
    service_id    text    not null,
    grain_id      text    not null,
    reminder_name text    not null,
    start_time    text    not null,
    period        integer not null,  -- milliseconds
    grain_hash    integer not null,
    version       integer not null,  -- the ETag; 0 on insert, +1 on each update
    primary key (service_id, grain_id, reminder_name)
) without rowid;
create index if not exists orleans_reminders_by_hash on orleans_reminders (service_id, grain_hash);

insert into OrleansQuery (QueryKey, QueryText) values

('ReadFromStorageKey', '
SELECT payload AS PayloadBinary, version AS Version
FROM orleans_grain_state
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_id_extension IS @GrainIdExtensionString;
'),

-- Two single statements: at most one returns a row (the update needs a known ETag, the insert needs none and no row).
('WriteToStorageKey', '
UPDATE orleans_grain_state
SET payload = @PayloadBinary, version = version + 1, modified_at = datetime(),
    grain_id_hash = @GrainIdHash, grain_type_hash = @GrainTypeHash
WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_id_extension IS @GrainIdExtensionString
RETURNING version AS NewGrainStateVersion;
INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension,
                                 grain_id_hash, grain_type_hash, payload, version, modified_at)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
       @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1, datetime()
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS NewGrainStateVersion;
'),

('ClearStorageKey', '
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, modified_at = datetime()
WHERE version = @GrainStateVersion
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_id_extension IS @GrainIdExtensionString
RETURNING version AS NewGrainStateVersion;
'),

('DeleteStorageKey', '
DELETE FROM orleans_grain_state
WHERE version = @GrainStateVersion
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_id_extension IS @GrainIdExtensionString
RETURNING version + 1 AS NewGrainStateVersion;
'),

('ReadReminderRowsKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId;
'),

('ReadReminderRowKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
'),

('ReadRangeRows1Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
'),

('ReadRangeRows2Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
'),

('UpsertReminderRowKey', '
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash, version = version + 1
RETURNING version AS Version;
'),

-- changes() counts the rows deleted by the DELETE just before it on this connection, so the answer is always one row.
('DeleteReminderRowKey', '
DELETE FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version;
SELECT changes() AS Deleted;
'),

('DeleteReminderRowsKey', '
DELETE FROM orleans_reminders WHERE service_id = @ServiceId;
')

on conflict (QueryKey) do update set QueryText = excluded.QueryText;
