-- Whether the serious-list entry a matter's penalty proposes has been made (the credit
-- office listed its party with the decision's number): a listed matter leaves the credit
-- office's proposals, so that they are read from an index of the undecided ones only. Rows
-- from before this column start unlisted; the proposals still leave out a party already
-- listed under the decision's number, so those stay correct.
ALTER TABLE proj_case_fact ADD COLUMN listed INTEGER NOT NULL DEFAULT 0;

DROP INDEX proj_case_fact_serious;
CREATE INDEX proj_case_fact_serious ON proj_case_fact (office, id) WHERE serious = 1 AND listed = 0;
