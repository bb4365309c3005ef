-- The desk's order and queues kept with each matter, so that a desk reads one page of open
-- matters in limit order instead of every open matter of its offices: `due` is the nearest
-- running limit on the official calendar (9999-12-31 when none runs, the matter is paused or
-- closed), `in_charge` the account in charge, `review` and `collective` whether the matter
-- awaits a review opinion or the collective decision, `serious` whether its penalty proposes
-- a serious-list entry (the credit office's list). Existing rows (`due` empty) are filled in
-- when a program that knows these columns opens the database (the limits need the calendar).
ALTER TABLE proj_case_fact ADD COLUMN due TEXT NOT NULL DEFAULT '';
ALTER TABLE proj_case_fact ADD COLUMN in_charge TEXT;
ALTER TABLE proj_case_fact ADD COLUMN review BIGINT NOT NULL DEFAULT 0;
ALTER TABLE proj_case_fact ADD COLUMN collective BIGINT NOT NULL DEFAULT 0;
ALTER TABLE proj_case_fact ADD COLUMN serious BIGINT NOT NULL DEFAULT 0;

CREATE INDEX proj_case_fact_desk ON proj_case_fact (office, due, id, in_charge, review, collective) WHERE open = 1;
CREATE INDEX proj_case_fact_serious ON proj_case_fact (office, id) WHERE serious = 1;
CREATE INDEX proj_case_fact_unfilled ON proj_case_fact (id) WHERE due = '';

-- The shipped holiday schedule the open matters' `due` was counted on (a fingerprint): a
-- program shipping another schedule counts them again when it opens the database.
CREATE TABLE case_desk_calendar (
    fingerprint TEXT NOT NULL
);
