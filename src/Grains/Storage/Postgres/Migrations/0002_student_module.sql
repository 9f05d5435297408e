-- Open edX learner tables, version 2 (schema module "openedx"): courseware state (StudentModule) and its history.
-- Applied at silo start like version 1; idempotent statements.
--
-- Open edX's courseware_studentmodule and courseware_studentmodulehistory, with Open edX's column names where an
-- analyst would look for them. Every row of a learner is written by that learner's StudentModuleGrain (one writer per
-- user), in one transaction per group-committed batch: a multi-row upsert into student_module, then the history rows.

-- One row per (learner, learning context, block). `course_id` is the learning context key: a course key, or a `lib:`
-- key for the state of a v2 library block (`lb:`), as Open edX's LearningContextKeyField. `module_id` is the usage key
-- (Open edX's module_state_key, column module_id). `state` is the JSON object of the block's user_state fields;
-- '{}' means the state was deleted (it reads as absent). `grade`/`max_grade` are the learner's score of a problem
-- (raw earned/possible, from the state's `score` field), null when never scored. `done` is Open edX's 'na'/'f'/'i'.
-- `created` is the first write, `modified` the last.
create table if not exists student_module (
    id          bigint generated always as identity primary key,
    username    text             not null,
    course_id   text             not null,
    module_id   text             not null,
    module_type text             not null,
    state       text,
    grade       double precision,
    max_grade   double precision,
    done        text             not null default 'na' check (done in ('na', 'f', 'i')),
    created     timestamptz      not null,
    modified    timestamptz      not null,
    -- Open edX's unique (student, module_state_key, course_id); this column order also serves the grain's load of one
    -- learner's rows in one learning context.
    constraint student_module_unique unique (username, course_id, module_id)
);
-- Open edX's indexes: per-course reports by block type, `courseware_stats` (module, grade, student), and by time.
create index if not exists student_module_by_course on student_module (course_id, module_type);
create index if not exists student_module_stats on student_module (module_id, grade, username);
create index if not exists student_module_modified on student_module (modified);

-- One row per write of a `problem` block's state (Open edX writes history only for module_type 'problem'), in write
-- order: the state, grade and max_grade the write left, and `created` = that write's `modified`. Newest first is
-- `order by id desc`.
create table if not exists student_module_history (
    id                bigint generated always as identity primary key,
    student_module_id bigint           not null references student_module (id),
    created           timestamptz      not null,
    state             text,
    grade             double precision,
    max_grade         double precision
);
create index if not exists student_module_history_by_module on student_module_history (student_module_id, id);
