-- Enforcement (行政执法): each matter's state from clue to closure
-- (shijian_core::case::CaseState as JSON), its narrow columns for desks, statistics and the
-- export, and the public penalty records (公示规定 第六条), which leave every public read once
-- their term is over or they were withdrawn (a read compares the day, nothing is flipped).
CREATE TABLE proj_case (
    id    TEXT    PRIMARY KEY,
    state TEXT    NOT NULL,
    seq   INTEGER NOT NULL
) STRICT;

CREATE TABLE proj_case_fact (
    id           TEXT    PRIMARY KEY,
    office       TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    open         INTEGER NOT NULL,
    entity       TEXT,
    officer      TEXT,
    received_on  TEXT    NOT NULL,
    filed_on     TEXT,
    decided_on   TEXT,
    closed_on    TEXT,
    procedure    TEXT,
    outcome      TEXT    NOT NULL,
    fine_fen     INTEGER NOT NULL,
    row_code     TEXT
) STRICT;

CREATE INDEX proj_case_fact_open ON proj_case_fact (office, id) WHERE open = 1;
CREATE INDEX proj_case_fact_office ON proj_case_fact (office, id);
CREATE INDEX proj_case_fact_entity ON proj_case_fact (entity) WHERE entity IS NOT NULL;

-- The publicity record: the published body as JSON (shijian_core::case::procedure::Published),
-- shown from published_on to until unless ended.
CREATE TABLE proj_case_public (
    id           TEXT    PRIMARY KEY,
    number       TEXT    NOT NULL,
    party        TEXT    NOT NULL,
    entity       TEXT,
    office       TEXT    NOT NULL,
    decided_on   TEXT    NOT NULL,
    published_on TEXT    NOT NULL,
    until        TEXT    NOT NULL,
    ended_on     TEXT,
    body         TEXT    NOT NULL,
    seq          INTEGER NOT NULL
) STRICT;

CREATE INDEX proj_case_public_day ON proj_case_public (decided_on, id);
CREATE INDEX proj_case_public_entity ON proj_case_public (entity) WHERE entity IS NOT NULL;
CREATE INDEX proj_case_public_number ON proj_case_public (number);

-- Document numbers (文号: a series such as 鄂洪市监处罚, the year, a number counted up) taken,
-- one row each: a number is given once (a second decision with
-- a number already taken fails its append, and the application takes the next).
CREATE TABLE proj_case_number (
    number TEXT    PRIMARY KEY,
    id     TEXT    NOT NULL,
    series TEXT    NOT NULL,
    year   INTEGER NOT NULL,
    seq    INTEGER NOT NULL
) STRICT;

CREATE INDEX proj_case_number_series ON proj_case_number (series, year, seq);
