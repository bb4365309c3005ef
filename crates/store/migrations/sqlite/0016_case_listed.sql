-- Whether the serious-list entry a matter's penalty proposes has been made (the credit
-- office listed its party with the decision's number): a listed matter leaves the credit
-- office's proposals for good, so that they are read from an index of the undecided ones
-- only. Rows from before this column start unlisted and are marked from the party's log when
-- a program that knows the column opens the database.
ALTER TABLE proj_case_fact ADD COLUMN listed INTEGER NOT NULL DEFAULT 0;

DROP INDEX proj_case_fact_serious;
CREATE INDEX proj_case_fact_serious ON proj_case_fact (office, id) WHERE serious = 1 AND listed = 0;
