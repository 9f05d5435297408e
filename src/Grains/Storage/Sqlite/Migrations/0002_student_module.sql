-- Open edX learner tables for the embedded SQLite store, version 2 (schema module "openedx"): courseware state
-- (StudentModule) and its history. Same tables, columns and rules as the PostgreSQL script (see its comments); times
-- are UTC ticks (100 ns since 0001-01-01, always whole microseconds).

create table if not exists student_module (
    id          integer primary key,
    username    text    not null,
    course_id   text    not null,
    module_id   text    not null,
    module_type text    not null,
    state       text,
    grade       real,
    max_grade   real,
    done        text    not null default 'na' check (done in ('na', 'f', 'i')),
    created     integer not null,
    modified    integer not null,
    unique (username, course_id, module_id)
);
create index if not exists student_module_by_course on student_module (course_id, module_type);
create index if not exists student_module_stats on student_module (module_id, grade, username);
create index if not exists student_module_modified on student_module (modified);

create table if not exists student_module_history (
    id                integer primary key,
    student_module_id integer not null references student_module (id),
    created           integer not null,
    state             text,
    grade             real,
    max_grade         real
);
create index if not exists student_module_history_by_module on student_module_history (student_module_id, id);
