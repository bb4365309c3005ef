-- Witnessing. A log keeps the cosignatures witnesses returned for its checkpoints; an
-- instance acting as a witness for other logs keeps, per origin, the largest checkpoint it
-- cosigned. Both are projections of journal events (ledger.cosignature_added,
-- ledger.checkpoint_cosigned), so the journal records every cosignature given and received.

CREATE TABLE proj_cosignature (
    size    BIGINT NOT NULL,                   -- the checkpoint's tree size
    witness TEXT   NOT NULL,                   -- the witness key's name
    key_id  BIGINT NOT NULL,
    line    TEXT   NOT NULL,                   -- the signature line, as returned
    seq     BIGINT NOT NULL,                   -- the ledger.cosignature_added event
    PRIMARY KEY (size, witness, key_id)
);

CREATE TABLE proj_witness (
    origin TEXT   PRIMARY KEY,                 -- a log this instance witnesses
    size   BIGINT NOT NULL,
    root   TEXT   NOT NULL,                    -- base64
    seq    BIGINT NOT NULL                     -- the ledger.checkpoint_cosigned event
);
