-- The credit office's worklist: entities with a repair request or an objection waiting for a
-- step of the office (CreditFile::has_open_matters), kept by the credit fold.
ALTER TABLE proj_credit ADD COLUMN open INTEGER NOT NULL DEFAULT 0;

UPDATE proj_credit SET open = 1
WHERE EXISTS (SELECT 1 FROM json_each(state, '$.repairs')
              WHERE json_extract(value, '$.status') IN ('submitted', 'accepted'))
   OR EXISTS (SELECT 1 FROM json_each(state, '$.objections')
              WHERE json_extract(value, '$.status') IN ('filed', 'accepted'));

CREATE INDEX proj_credit_open ON proj_credit (uscc) WHERE open = 1;
