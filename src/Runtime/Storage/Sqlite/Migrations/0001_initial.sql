-- Actors schema for the embedded SQLite store, version 1: grain state and reminders (the embedded default is one
-- silo, so it has no membership table). Same keys and rules as the PostgreSQL schema (see its comments); SQLite
-- serialises writers on the database lock, so the conditional UPDATE / INSERT ... ON CONFLICT DO NOTHING statements
-- are compare-and-swap as they are. Times are UTC ticks (100 ns since 0001-01-01), periods are ticks.
create table if not exists actors_grain_state (
    service_id  text    not null,
    grain_type  text    not null,
    grain_key   text    not null,
    state_name  text    not null,
    payload     text,                -- JSON; null after ClearStateAsync (a tombstone keeping the version)
    version     integer not null,
    modified_at integer not null,
    primary key (service_id, grain_type, grain_key, state_name)
) without rowid;

create table if not exists actors_reminders (
    service_id    text    not null,
    grain_type    text    not null,
    grain_key     text    not null,
    reminder_name text    not null,
    grain_hash    integer not null,  -- 0..2^32-1
    start_at      integer not null,
    period        integer not null,
    version       integer not null,
    last_tick     integer,
    primary key (service_id, grain_type, grain_key, reminder_name)
) without rowid;
create index if not exists actors_reminders_by_hash on actors_reminders (service_id, grain_hash);

-- Counters (SQLite has no sequences): 'reminder_version' gives every reminder upsert a version never used before.
create table if not exists actors_sequences (
    name  text    primary key,
    value integer not null
) without rowid;
