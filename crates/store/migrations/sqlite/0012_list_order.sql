-- The public lists newest first: the day of each entity's latest current entry on the abnormal
-- list and on the serious list (NULL when not on it), kept by the credit fold.
ALTER TABLE proj_credit ADD COLUMN abnormal_since TEXT;
ALTER TABLE proj_credit ADD COLUMN serious_since TEXT;

UPDATE proj_credit SET abnormal_since =
    (SELECT max(json_extract(value, '$.listed_on')) FROM json_each(state, '$.lists.abnormal'))
WHERE abnormal = 1;
UPDATE proj_credit SET serious_since =
    (SELECT max(json_extract(value, '$.listed_on')) FROM json_each(state, '$.lists.serious'))
WHERE serious = 1;

CREATE INDEX proj_credit_abnormal_since ON proj_credit (abnormal_since, uscc) WHERE abnormal = 1;
CREATE INDEX proj_credit_serious_since ON proj_credit (serious_since, uscc) WHERE serious = 1;
