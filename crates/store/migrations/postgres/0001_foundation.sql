-- Reference data administrators maintain: the official holiday schedules of years imported
-- after the build, and the full GB/T 4754 industry table.

CREATE TABLE calendar_year (
    year        INTEGER     PRIMARY KEY,
    source      TEXT        NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE calendar_day (
    day  DATE    PRIMARY KEY,
    year INTEGER NOT NULL REFERENCES calendar_year (year) ON DELETE CASCADE,
    kind TEXT    NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX calendar_day_year ON calendar_day (year);

CREATE TABLE industry (
    code        TEXT        PRIMARY KEY,
    name        TEXT        NOT NULL,
    level       TEXT        NOT NULL CHECK (level IN ('section', 'division', 'group', 'class')),
    source      TEXT        NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL
);
