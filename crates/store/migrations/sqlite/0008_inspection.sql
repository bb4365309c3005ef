-- Random inspections (双随机、一公开): projections of the inspection.* events, the pool files,
-- and what building a target pool reads from the register.

-- What a target pool filters on, narrow, so that a province-wide pool is read without the
-- entities' JSON: the register's columns, the main industry (GB/T 4754), and (by index) the
-- credit class.
CREATE TABLE proj_pool_entity (
    uscc      TEXT NOT NULL PRIMARY KEY,
    authority TEXT NOT NULL,
    kind      TEXT NOT NULL,
    status    TEXT NOT NULL,
    industry  TEXT
) STRICT, WITHOUT ROWID;

INSERT INTO proj_pool_entity (uscc, authority, kind, status, industry)
SELECT uscc, authority, kind, status, json_extract(state, '$.industry') FROM proj_entity;

CREATE INDEX proj_pool_entity_authority ON proj_pool_entity (authority);
CREATE INDEX proj_credit_class ON proj_credit (uscc, class);

-- Items added to or changed in the shipped list (shijian_core::inspection::Item as JSON).
CREATE TABLE proj_inspection_item (
    code  TEXT    PRIMARY KEY,
    state TEXT    NOT NULL,
    seq   INTEGER NOT NULL
) STRICT;

-- The inspector pool (shijian_core::inspection::pool::InspectorState as JSON).
CREATE TABLE proj_inspector (
    pseudonym TEXT    PRIMARY KEY,
    office    TEXT    NOT NULL,
    available INTEGER NOT NULL,
    state     TEXT    NOT NULL,
    seq       INTEGER NOT NULL
) STRICT;

CREATE INDEX proj_inspector_office ON proj_inspector (office);

-- Plans (shijian_core::inspection::PlanState as JSON).
CREATE TABLE proj_inspection_plan (
    id     TEXT    PRIMARY KEY,
    office TEXT    NOT NULL,
    status TEXT    NOT NULL,
    state  TEXT    NOT NULL,
    seq    INTEGER NOT NULL
) STRICT;

-- Tasks: one target drawn by a plan (shijian_core::inspection::TaskState as JSON).
CREATE TABLE proj_inspection_task (
    plan   TEXT    NOT NULL,
    target TEXT    NOT NULL,
    rank   INTEGER NOT NULL,
    status TEXT    NOT NULL,
    state  TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (plan, target)
) STRICT;

CREATE UNIQUE INDEX proj_inspection_task_rank ON proj_inspection_task (plan, rank);
CREATE INDEX proj_inspection_task_target ON proj_inspection_task (target);

-- Who is on which task, and the day that counts for the recent-check exclusion (the day
-- inspected once recorded, else the day drawn).
CREATE TABLE proj_inspection_assignee (
    pseudonym TEXT NOT NULL,
    plan      TEXT NOT NULL,
    target    TEXT NOT NULL,
    day       TEXT NOT NULL,
    PRIMARY KEY (pseudonym, plan, target)
) STRICT, WITHOUT ROWID;

CREATE INDEX proj_inspection_assignee_day ON proj_inspection_assignee (day);

-- Content-addressed files kept beside the journal (a plan's pool file), in parts; the journal
-- carries their SHA-256.
CREATE TABLE artifact (
    hash  BLOB    NOT NULL,
    part  INTEGER NOT NULL,
    bytes BLOB    NOT NULL,
    PRIMARY KEY (hash, part)
) STRICT;
