-- Open edX learner tables for the embedded SQLite store, version 1 (schema module "openedx"): enrollments and block
-- completions. Same tables, keys and rules as the PostgreSQL script (see its comments); times are UTC ticks
-- (100 ns since 0001-01-01, always whole microseconds), booleans 0/1.

create table if not exists enrollment (
    username  text    not null,
    course_id text    not null,
    mode      text    not null,
    is_active integer not null check (is_active in (0, 1)),
    created   integer not null,
    modified  integer not null,
    primary key (username, course_id)
) without rowid;
create index if not exists enrollment_by_course on enrollment (course_id, is_active);

create table if not exists block_completion (
    username    text    not null,
    context_key text    not null,
    block_key   text    not null,
    block_type  text    not null,
    completion  real    not null check (completion >= 0 and completion <= 1),
    modified    integer not null,
    primary key (username, context_key, block_key)
) without rowid;
create index if not exists block_completion_by_context on block_completion (context_key, block_type, username);
