-- Open edX learner tables, version 1 (schema module "openedx"): enrollments and block completions.
-- Applied by the runtime at silo start after its own migrations (see src/Runtime/Storage/Postgres/PostgresMigrations.cs),
-- inside one transaction, recorded in actors_schema_migrations as ('openedx', 1). Statements are idempotent.
--
-- These are plain tables for analysts: one row per enrollment, one row per (learner, course, block) completion,
-- keyed by the usernames and opaque keys exactly as Open edX writes them (case-sensitive, untrimmed). Every row of a
-- learner is written by that learner's StudentModuleGrain (one writer per user), so upserts need no version column.

-- Open edX's CourseEnrollment (student_courseenrollment). An unenrollment keeps the row with is_active = false;
-- `created` is when the learner first enrolled and never changes; `modified` is the last change.
create table if not exists enrollment (
    username  text        not null,
    course_id text        not null,   -- course key, e.g. course-v1:Org+Course+Run
    mode      text        not null,   -- audit, verified, honor, professional, ...
    is_active boolean     not null,
    created   timestamptz not null,
    modified  timestamptz not null,
    primary key (username, course_id)
);
-- "Who is enrolled in this course": the primary key serves per-learner lookups, this index per-course ones.
create index if not exists enrollment_by_course on enrollment (course_id, is_active);

-- Open edX's BlockCompletion (completion_blockcompletion): completion in 0..1 of one block for one learner.
-- `context_key` is the learning context (the course key) and `block_key` the block's usage key; `block_type` is the
-- usage key's type. `modified` is strictly increasing per (username, context_key): the grain writes
-- max(now, previous max + 1 microsecond), so max(modified) over a learner's course is a version of their completions
-- that changes with every change and never repeats, across restarts.
create table if not exists block_completion (
    username    text             not null,
    context_key text             not null,
    block_key   text             not null,
    block_type  text             not null,
    completion  double precision not null check (completion >= 0 and completion <= 1),
    modified    timestamptz      not null,
    primary key (username, context_key, block_key)
);
-- Open edX's own index for course reports ("who completed which problems of this course").
create index if not exists block_completion_by_context on block_completion (context_key, block_type, username);
