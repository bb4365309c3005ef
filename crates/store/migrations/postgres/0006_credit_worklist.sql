-- The credit office's worklist: entities with a repair request or an objection waiting for a
-- step of the office (CreditFile::has_open_matters), kept by the credit fold.
ALTER TABLE proj_credit ADD COLUMN open BOOLEAN NOT NULL DEFAULT false;

UPDATE proj_credit SET open = true
WHERE EXISTS (SELECT 1 FROM jsonb_each(state::jsonb -> 'repairs') r
              WHERE r.value ->> 'status' IN ('submitted', 'accepted'))
   OR EXISTS (SELECT 1 FROM jsonb_each(state::jsonb -> 'objections') o
              WHERE o.value ->> 'status' IN ('filed', 'accepted'));

CREATE INDEX proj_credit_open ON proj_credit (uscc) WHERE open;
