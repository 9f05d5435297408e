-- Actors schema, version 1: grain state, reminders, membership.
-- Applied by PostgresMigrations at silo start, under an advisory lock, inside one transaction, and recorded in
-- actors_schema_migrations; every statement is idempotent so a half-applied manual run can be re-run.

-- Grain state: one row per (service, grain type, grain key, state name). The grain type is part of the key, so two
-- grain types with the same key and state name never share a row, and keys are stored as the exact text the grain
-- was called with (never re-parsed as numbers), so "020235" and "20235" are different rows.
-- Concurrency: `version` is the ETag. Writes are
--   insert ... on conflict do nothing returning version          (first write: ETag null)
--   update ... where <key> and version = @etag returning version (later writes)
-- Under READ COMMITTED a second writer racing on the same row blocks on the first writer's row lock, then re-checks
-- its WHERE clause against the committed row, finds the version changed, and updates nothing: exactly one wins, and
-- the loser gets InconsistentStateException. This is what stops a duplicate activation (during a membership
-- disagreement) from overwriting newer state.
-- `payload` is null after ClearStateAsync: the row stays as a tombstone carrying the version, so a stale holder's
-- later write still fails.
create table if not exists actors_grain_state (
    service_id   text        not null,
    grain_type   text        not null,
    grain_key    text        not null,
    state_name   text        not null,
    payload      jsonb,
    version      bigint      not null,
    modified_at  timestamptz not null default now(),
    primary key (service_id, grain_type, grain_key, state_name)
);

-- Reminders: one row per (service, grain type, grain key, reminder name). `grain_hash` is the grain's point on the
-- ring (GrainId.UniformHash, 0..2^32-1, so bigint); a silo reads the reminders of its ring range with one query:
--   grain_hash > @begin and grain_hash <= @end      (plain range)
--   grain_hash > @begin or  grain_hash <= @end      (range that wraps past 2^32-1)
-- Upserts are last-writer-wins and take a new `version` (the ETag) from one sequence, so a reminder that is removed
-- and registered again never gets an ETag a stale handle still holds; deletes require the current version.
-- `last_tick` is the scheduled time of the last delivered tick, so a silo that takes the reminder over can deliver
-- one tick that was missed while nobody owned it.
create table if not exists actors_reminders (
    service_id    text        not null,
    grain_type    text        not null,
    grain_key     text        not null,
    reminder_name text        not null,
    grain_hash    bigint      not null,
    start_at      timestamptz not null,
    period        interval    not null,
    version       bigint      not null,
    last_tick     timestamptz,
    primary key (service_id, grain_type, grain_key, reminder_name)
);
create index if not exists actors_reminders_by_hash on actors_reminders (service_id, grain_hash);
create sequence if not exists actors_reminder_versions;

-- Membership: a table version per cluster, and a row per silo incarnation (address + generation).
-- Every insert or update of a row bumps the cluster's version in the same transaction, conditionally:
--   update actors_membership_version set version = version + 1 where cluster_id = @c and version = @expected
-- Two silos racing (say, both voting a third dead) serialise on that one row; the loser updates nothing and gets
-- `false`, re-reads, and tries again on its next probe. Each change also sends NOTIFY actors_membership (delivered on
-- commit) so silos refresh their view without waiting for the next poll. Heartbeats (i_am_alive) are blind writes
-- that do not bump the version.
create table if not exists actors_membership_version (
    cluster_id text   primary key,
    version    bigint not null default 0
);

create table if not exists actors_membership (
    cluster_id  text        not null references actors_membership_version (cluster_id),
    host        text        not null,
    port        integer     not null,
    generation  bigint      not null,
    status      smallint    not null,  -- 1 Joining, 2 Active, 3 ShuttingDown, 4 Dead
    silo_name   text        not null,
    start_time  timestamptz not null,
    i_am_alive  timestamptz not null,
    suspicions  jsonb       not null default '[]',  -- [{"voter": {"host","port","generation"}, "time"}]
    row_version bigint      not null,
    primary key (cluster_id, host, port, generation)
);
